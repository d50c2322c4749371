using FluentValidation;
using FluentValidation.Validators;
using Returns.Domain;

namespace Returns.Web.Features.Cases;

public static class ValidationRules
{
    /// <summary>Present, not blank, and no longer than <paramref name="max"/> characters.</summary>
    public static IRuleBuilderOptions<T, string?> RequiredText<T>(this IRuleBuilder<T, string?> rule, int max) =>
        rule.NotEmpty().WithMessage("Required.")
            .Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage("Must not be blank.")
            .MaxCharacters(max);

    /// <summary>
    /// At most <paramref name="max"/> characters as people see them (<see cref="Text.FitsIn"/>): every text limit of the API
    /// is this rule, so 500 emoji fit a limit of 500. The document still states it as maxLength.
    /// </summary>
    public static IRuleBuilderOptions<T, string?> MaxCharacters<T>(this IRuleBuilder<T, string?> rule, int max) =>
        rule.SetValidator(new TextLengthValidator<T>(max));

    /// <summary>A maximum length counted by <see cref="Text"/>, not in UTF-16 units.</summary>
    private sealed class TextLengthValidator<T>(int max) : MaximumLengthValidator<T>(max)
    {
        public override bool IsValid(ValidationContext<T> context, string value)
        {
            if (value is null || Text.FitsIn(value, Max)) return true;
            context.MessageFormatter.AppendArgument("MinLength", Min).AppendArgument("MaxLength", Max)
                .AppendArgument("TotalLength", Text.Length(value));
            return false;
        }
    }

    /// <summary>Money in whole fen: zero or more, at most two decimals.</summary>
    public static IRuleBuilderOptions<T, decimal> Amount<T>(this IRuleBuilder<T, decimal> rule) =>
        rule.GreaterThanOrEqualTo(0m).WithMessage("Must not be negative.")
            .Must(Money.HasAtMostTwoDecimals).WithMessage("At most two decimals (0.01).")
            .LessThan(100_000_000m);

    public static IRuleBuilderOptions<T, decimal?> Amount<T>(this IRuleBuilder<T, decimal?> rule) =>
        rule.Must(v => v is null || (v >= 0m && Money.HasAtMostTwoDecimals(v.Value) && v < 100_000_000m))
            .WithMessage("Must be zero or more, with at most two decimals.");
}
