using FluentValidation;
using Returns.Domain;

namespace Returns.Web.Features.Cases;

public static class ValidationRules
{
    /// <summary>Present, not blank, and no longer than <paramref name="max"/> characters.</summary>
    public static IRuleBuilderOptions<T, string?> RequiredText<T>(this IRuleBuilder<T, string?> rule, int max) =>
        rule.NotEmpty().WithMessage("Required.")
            .Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage("Must not be blank.")
            .MaximumLength(max);

    /// <summary>Money in whole fen: zero or more, at most two decimals.</summary>
    public static IRuleBuilderOptions<T, decimal> Amount<T>(this IRuleBuilder<T, decimal> rule) =>
        rule.GreaterThanOrEqualTo(0m).WithMessage("Must not be negative.")
            .Must(Money.HasAtMostTwoDecimals).WithMessage("At most two decimals (0.01).")
            .LessThan(100_000_000m);

    public static IRuleBuilderOptions<T, decimal?> Amount<T>(this IRuleBuilder<T, decimal?> rule) =>
        rule.Must(v => v is null || (v >= 0m && Money.HasAtMostTwoDecimals(v.Value) && v < 100_000_000m))
            .WithMessage("Must be zero or more, with at most two decimals.");
}
