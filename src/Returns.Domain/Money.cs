namespace Returns.Domain;

/// <summary>An amount in one currency. Decimal only; rounded half away from zero to 0.01 (四舍五入).</summary>
public readonly record struct Money(decimal Amount, string Currency)
{
    public const string DefaultCurrency = "CNY";

    public static Money Zero(string currency) => new(0m, currency);

    public static Money Of(decimal amount, string currency) => new(Round(amount), currency);

    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    public static Money operator +(Money a, Money b) => new(a.Amount + b.Amount, SameCurrency(a, b));

    public static Money operator -(Money a, Money b) => new(a.Amount - b.Amount, SameCurrency(a, b));

    public static Money operator *(Money a, int quantity) => new(Round(a.Amount * quantity), a.Currency);

    public static bool operator >(Money a, Money b) => a.Amount > SameAmount(a, b);

    public static bool operator <(Money a, Money b) => a.Amount < SameAmount(a, b);

    public static bool operator >=(Money a, Money b) => a.Amount >= SameAmount(a, b);

    public static bool operator <=(Money a, Money b) => a.Amount <= SameAmount(a, b);

    public static Money Min(Money a, Money b) => a <= b ? a : b;

    /// <summary>True when the amount has no more than two decimal places (whole fen).</summary>
    public static bool HasAtMostTwoDecimals(decimal amount) => decimal.Round(amount, 2) == amount;

    public override string ToString() => $"{Amount:0.00} {Currency}";

    private static decimal SameAmount(Money a, Money b) => SameCurrency(a, b) == a.Currency ? b.Amount : 0m;

    private static string SameCurrency(Money a, Money b) =>
        a.Currency == b.Currency
            ? a.Currency
            : throw new InvalidOperationException($"Cannot combine {a.Currency} with {b.Currency}.");
}
