using Returns.Domain.Cases;

namespace Returns.Benchmarks;

/// <summary>Which part of the population a case belongs to, and so which of its clocks are due at <see cref="SweepScenario.Now"/>.</summary>
public enum CaseGroup
{
    /// <summary>Logged in the last 17 hours and picked up by an agent: nothing due yet.</summary>
    Fresh,

    /// <summary>Approved by an agent 1–3 days ago, the buyer has not shipped yet: nothing due.</summary>
    AwaitingShipment,

    /// <summary>The buyer shipped 2–7 days ago: nothing due.</summary>
    InTransit,

    /// <summary>Nobody touched it for 48–50 h: FirstTouch (escalate) and SellerDecision (auto-approve) are due. 2 rows.</summary>
    DueUntouched,

    /// <summary>Assigned, undecided for 24–43 h: the SellerDecision warning (remind) is due. 1 row.</summary>
    DueDecisionWarning,

    /// <summary>A bad review assigned 18–23 h ago, the buyer not contacted: the first-contact warning (remind) is due. 1 row.</summary>
    DueReviewContactWarning,

    /// <summary>Parcel shipped 7–9.5 days ago, receipt not confirmed: the SellerConfirmsReceipt warning (escalate) is due. 1 row.</summary>
    DueReceiptWarning,
}

/// <summary>All the random choices for one case, drawn up front so that a run is reproducible.</summary>
public sealed record CasePlan(
    CaseGroup Group,
    CaseType Type,
    DateTimeOffset CreatedAt,
    string Shop,
    string? Reason,
    string Agent,
    TimeSpan AssignAfter,
    TimeSpan DeliveredBefore,
    int ItemCount,
    decimal UnitPrice,
    decimal ShippingFee,
    bool DiscountAboveCap,
    ReviewRating Rating,
    TimeSpan PostedBefore,
    int Salt);

/// <summary>
/// The population: <c>cases</c> open cases, of which exactly <c>due</c> deadline rows are due at <see cref="Now"/>
/// (40 % of them on cases with two due clocks), mixed with fresh, approved and in-transit cases whose clocks are
/// all in the future. Cases are created through the domain and the real deadline planner, as the service would.
/// </summary>
public sealed class SweepScenario
{
    /// <summary>The instant of the due sweep: a Tuesday, 14:00 in Shanghai (within business hours).</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 6, 0, 0, TimeSpan.Zero);

    public const int ShopCount = 20;
    public const int AgentCount = 40;

    public int DueUntouched { get; }
    public int DueDecisionWarning { get; }
    public int DueReviewContactWarning { get; }
    public int DueReceiptWarning { get; }
    public int DueRows => 2 * DueUntouched + DueDecisionWarning + DueReviewContactWarning + DueReceiptWarning;
    public int DueCases => DueUntouched + DueDecisionWarning + DueReviewContactWarning + DueReceiptWarning;
    public int Cases { get; }

    public IReadOnlyList<CasePlan> Plans { get; }

    private static readonly string[] ReturnReasons = ReasonCatalog.All.Select(r => r.Code).ToArray();

    private static readonly string[] DefectReasons =
        ReasonCatalog.All.Where(r => r.Responsibility != Responsibility.Buyer).Select(r => r.Code).ToArray();

    public SweepScenario(int cases, int due, int seed = 20261124)
    {
        DueUntouched = due / 5;
        DueReceiptWarning = due / 5;
        DueReviewContactWarning = due * 3 / 20;
        DueDecisionWarning = due - 2 * DueUntouched - DueReceiptWarning - DueReviewContactWarning;
        if (DueCases > cases)
            throw new ArgumentException($"{due} due deadlines need {DueCases} of the cases; --cases {cases} is too few.");
        Cases = cases;

        var random = new Random(seed);
        var plans = new List<CasePlan>(cases);
        void Add(CaseGroup group, int count)
        {
            for (var i = 0; i < count; i++) plans.Add(Draw(random, group));
        }
        Add(CaseGroup.DueUntouched, DueUntouched);
        Add(CaseGroup.DueDecisionWarning, DueDecisionWarning);
        Add(CaseGroup.DueReviewContactWarning, DueReviewContactWarning);
        Add(CaseGroup.DueReceiptWarning, DueReceiptWarning);
        var background = cases - DueCases;
        var fresh = background / 2;
        var awaiting = background * 3 / 10;
        Add(CaseGroup.Fresh, fresh);
        Add(CaseGroup.AwaitingShipment, awaiting);
        Add(CaseGroup.InTransit, background - fresh - awaiting);
        // Inserted in creation order, as the service would have: case numbers and the tables' physical order follow time.
        Plans = plans.OrderBy(p => p.CreatedAt).ToList();
    }

    private static CasePlan Draw(Random random, CaseGroup group)
    {
        TimeSpan Between(TimeSpan from, TimeSpan to) => from + (to - from) * random.NextDouble();
        DateTimeOffset Ago(TimeSpan oldest, TimeSpan newest) => Now - Between(newest, oldest);

        var (createdAt, type) = group switch
        {
            CaseGroup.Fresh => (Ago(TimeSpan.FromHours(17), TimeSpan.FromMinutes(10)), FreshType(random.NextDouble())),
            CaseGroup.AwaitingShipment => (Ago(TimeSpan.FromHours(72), TimeSpan.FromHours(25)), ReturnLike(random)),
            CaseGroup.InTransit => (Ago(TimeSpan.FromDays(7.5), TimeSpan.FromDays(3)), ReturnLike(random)),
            CaseGroup.DueUntouched => (Ago(TimeSpan.FromHours(50), TimeSpan.FromHours(48) + TimeSpan.FromMinutes(1)), ReturnLike(random)),
            CaseGroup.DueDecisionWarning => (Ago(TimeSpan.FromHours(43), TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1)), ReturnLike(random)),
            CaseGroup.DueReviewContactWarning => (Ago(TimeSpan.FromHours(23), TimeSpan.FromHours(18) + TimeSpan.FromMinutes(1)), CaseType.BadReview),
            CaseGroup.DueReceiptWarning => (Ago(TimeSpan.FromDays(10.5), TimeSpan.FromDays(8) + TimeSpan.FromMinutes(1)), ReturnLike(random)),
            _ => throw new ArgumentOutOfRangeException(nameof(group)),
        };
        var reason = type switch
        {
            CaseType.BadReview => null,
            CaseType.Discount => DefectReasons[random.Next(DefectReasons.Length)],
            _ => ReturnReasons[random.Next(ReturnReasons.Length)],
        };
        return new CasePlan(
            group,
            type,
            createdAt,
            $"shop-{random.Next(1, ShopCount + 1):D2}",
            reason,
            $"agent-{random.Next(1, AgentCount + 1):D2}",
            Between(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(9)),
            Between(TimeSpan.FromHours(12), TimeSpan.FromDays(5)),
            random.Next(1, 4),
            Math.Round((decimal)(39 + random.NextDouble() * 460), 2),
            random.Next(1, 4) * 5m,
            random.NextDouble() < 0.4,
            random.NextDouble() < 0.7 ? ReviewRating.Bad : ReviewRating.Medium,
            Between(TimeSpan.Zero, TimeSpan.FromDays(2)),
            random.Next());
    }

    private static CaseType ReturnLike(Random random) => random.NextDouble() < 0.85 ? CaseType.Return : CaseType.Exchange;

    private static CaseType FreshType(double x) => x switch
    {
        < 0.65 => CaseType.Return,
        < 0.80 => CaseType.Exchange,
        < 0.92 => CaseType.BadReview,
        _ => CaseType.Discount,
    };
}
