namespace Returns.Domain.Policies;

/// <summary>A shop's after-sales rules. Defaults come from the sources (docs/business-rules.md §4); shops may override each.</summary>
public sealed record ShopPolicy
{
    /// <summary>F0-l Q7: quality after-sales within 30 days of transaction success.</summary>
    public int QualityWindowDays { get; init; } = 30;

    /// <summary>F0-l Q15: 7天无理由退换货, counted from delivery.</summary>
    public int NoReasonWindowDays { get; init; } = 7;

    /// <summary>Whether the shop offers 7-day no-reason returns at all; a shop outside the programme sends each to a supervisor.</summary>
    public bool SevenDayNoReason { get; init; } = true;

    /// <summary>SKU prefixes of product lines outside the 7-day programme (e.g. underwear, custom-made goods).</summary>
    public List<string> NoReasonExcludedSkuPrefixes { get; init; } = [];

    /// <summary>Whether a no-reason return of these items is in the shop's programme.</summary>
    public bool OffersNoReasonReturn(IEnumerable<string> skus) =>
        SevenDayNoReason && !skus.Any(sku => NoReasonExcludedSkuPrefixes.Any(p => p.Length > 0 && sku.StartsWith(p, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Quality reasons need a photo before approval (F0-r).</summary>
    public bool EvidenceRequiredForQuality { get; init; } = true;

    /// <summary>
    /// F0-r 质量问题我们承担邮费: the shop repays all the postage the buyer advanced, so there is no cap by default. A shop
    /// may set one; the postage above it is still owed, but refunding it is a supervisor's decision.
    /// </summary>
    public decimal? PostageReimbursementCap { get; init; }

    /// <summary>Compensation cap when the order's shipping fee is unknown (docs/design.md §2).</summary>
    public decimal DefaultCompensationCap { get; init; } = 10.00m;

    /// <summary>F0-l Q11: a review can be explained within 15 days of being posted.</summary>
    public int ReviewExplanationDays { get; init; } = 15;

    /// <summary>F0-l Q14: a medium/bad review can be revised within 30 days, then it is locked.</summary>
    public int ReviewRevisionDays { get; init; } = 30;

    /// <summary>Business hours for internal targets (F0-d: 客服在线 9:00–23:30), in <see cref="TimeZone"/>.</summary>
    public string BusinessHoursOpen { get; set; } = "09:00";

    public string BusinessHoursClose { get; set; } = "23:30";

    /// <summary>Shop-local dates (yyyy-MM-dd) on which internal clocks stand still.</summary>
    public List<string> Holidays { get; set; } = [];

    public DeadlineDurations Deadlines { get; set; } = new();

    /// <summary>The marketplace a case is on when its creator does not say (issue 13, item 9).</summary>
    public Cases.Platform DefaultPlatform { get; set; } = Cases.Platform.Taobao;

    /// <summary>
    /// The marketplace clocks' lengths per platform, where one differs from <see cref="Deadlines"/> (issue 13, item 11).
    /// None is preset: the seeds give no platform's figures, so every platform runs on <see cref="Deadlines"/> until a shop
    /// sets its own here (README, "Platforms and their deadlines"). The platform's own due time, when sent, always wins.
    /// </summary>
    public Dictionary<Cases.Platform, PlatformClockDurations> Platforms { get; set; } = [];

    /// <summary>The length of a marketplace clock on <paramref name="platform"/>, when this shop set one for it.</summary>
    public Deadlines.ClockDuration? PlatformDuration(Cases.Platform platform, Deadlines.DeadlineKind kind) =>
        Platforms.TryGetValue(platform, out var durations) ? durations.For(kind) : null;

    /// <summary>Periods in which the marketplace stops its clocks (seller decision, evidence, return shipment, receipt).</summary>
    public List<Domain.Deadlines.FreezePeriod> PlatformFreezes { get; set; } = [];

    public string Currency { get; init; } = Money.DefaultCurrency;

    public string TimeZone { get; init; } = "Asia/Shanghai";

    public static readonly ShopPolicy Default = new();

    /// <summary>F0-r 寄回商品前需要客户提供质量问题商品的照片: whether this shop wants a photo before approving a case for this reason.</summary>
    public bool EvidenceRequiredFor(Cases.Reason reason) => EvidenceRequiredForQuality && reason.IsQuality;

    public Domain.Deadlines.BusinessCalendar Calendar() =>
        Domain.Deadlines.BusinessCalendar.Create(TimeZone, BusinessHoursOpen, BusinessHoursClose, Holidays);
}

/// <summary>One platform's clock lengths; a length not set falls back to the shop's <see cref="DeadlineDurations"/>.</summary>
public sealed class PlatformClockDurations
{
    public double? SellerDecisionHours { get; set; }
    public double? EvidenceFromBuyerDays { get; set; }
    public double? BuyerShipsReturnDays { get; set; }
    public double? SellerConfirmsReceiptDays { get; set; }

    public Deadlines.ClockDuration? For(Deadlines.DeadlineKind kind) => kind switch
    {
        Deadlines.DeadlineKind.SellerDecision when SellerDecisionHours is { } h => new(h, Deadlines.DurationUnit.Hours),
        Deadlines.DeadlineKind.EvidenceFromBuyer when EvidenceFromBuyerDays is { } d => new(d, Deadlines.DurationUnit.Days),
        Deadlines.DeadlineKind.BuyerShipsReturn when BuyerShipsReturnDays is { } d => new(d, Deadlines.DurationUnit.Days),
        Deadlines.DeadlineKind.SellerConfirmsReceipt when SellerConfirmsReceiptDays is { } d => new(d, Deadlines.DurationUnit.Days),
        _ => null,
    };
}

/// <summary>How long each clock runs (issue 5 defaults). Platform clocks are calendar time, internal ones business time.</summary>
public sealed class DeadlineDurations
{
    public double FirstTouchBusinessHours { get; set; } = 2;
    public double SellerDecisionHours { get; set; } = 48;
    public double EvidenceFromBuyerDays { get; set; } = 3;
    public double BuyerShipsReturnDays { get; set; } = 7;
    public double SellerConfirmsReceiptDays { get; set; } = 10;
    public double RefundAfterReceiptBusinessHours { get; set; } = 48;
    public double ExchangeReshipHours { get; set; } = 72;
    public double DiscountPayoutHours { get; set; } = 24;
    public double BadReviewFirstContactHours { get; set; } = 24;
    public double ContactChaserHours { get; set; } = 24;

    /// <summary>After this many unanswered attempts the chaser escalates instead of reminding.</summary>
    public int ContactChaserEscalateAfter { get; set; } = 3;
}
