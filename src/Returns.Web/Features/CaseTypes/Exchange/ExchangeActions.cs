using FluentValidation;
using Returns.Domain.Cases;
using Returns.Web.Features.Cases;
using Returns.Web.Features.Cases.Actions;

namespace Returns.Web.Features.CaseTypes.Exchange;

// The actions an exchange (换货) adds to a return's.

/// <summary>The replacement went out.</summary>
public sealed record ShipReplacementBody(string? Carrier, string? TrackingNumber) : CaseActionBody
{
    internal override ValueTask ApplyTo(Case c, CaseContext x, CancellationToken ct) { c.ShipReplacement(Carrier!, TrackingNumber!, x.At(c)); return default; }
}

public sealed class ShipReplacementBodyValidator : AbstractValidator<ShipReplacementBody>
{
    public ShipReplacementBodyValidator()
    {
        RuleFor(b => b.Carrier).RequiredText(64);
        RuleFor(b => b.TrackingNumber).RequiredText(64).Matches("^[A-Za-z0-9-]+$").WithMessage("Letters, digits and '-' only.");
    }
}

/// <summary>The buyer received the replacement; completes the exchange.</summary>
public sealed record ConfirmDeliveryBody : CaseActionBody
{
    internal override ValueTask ApplyTo(Case c, CaseContext x, CancellationToken ct) { c.ConfirmDelivery(x.At(c)); return default; }
}

/// <summary>The return postage the buyer advanced is paid back (platform refund or Alipay transfer), once the goods are back.</summary>
public sealed record RefundPostageBody(decimal? Amount, PayoutMethod? Method, string? Reference) : CaseActionBody
{
    internal override ValueTask ApplyTo(Case c, CaseContext x, CancellationToken ct)
    {
        c.RefundPostage(Amount!.Value, Method!.Value, Reference?.Trim(), x.At(c));
        return default;
    }
}

public sealed class RefundPostageBodyValidator : AbstractValidator<RefundPostageBody>
{
    public RefundPostageBodyValidator()
    {
        RuleFor(b => b.Amount).NotNull().WithMessage("Required.").GreaterThan(0m).WithMessage("Must be more than zero.").Amount();
        RuleFor(b => b.Method).NotNull().WithMessage("Required: platformRefund or alipayTransfer.");
        RuleFor(b => b.Reference).MaximumLength(128);
        RuleFor(b => b.Reference).NotEmpty().When(b => b.Method == PayoutMethod.AlipayTransfer)
            .WithMessage("An Alipay transfer needs the payment record (打款记录) reference.");
    }
}

/// <summary>Out of stock: the exchange becomes a refund of what was returned.</summary>
public sealed record ConvertToRefundBody(string? Reason) : CaseActionBody
{
    internal override ValueTask ApplyTo(Case c, CaseContext x, CancellationToken ct) { c.ConvertToRefund(Reason!, x.At(c)); return default; }
}

public sealed class ConvertToRefundBodyValidator : AbstractValidator<ConvertToRefundBody>
{
    public ConvertToRefundBodyValidator() => RuleFor(b => b.Reason).RequiredText(2000);
}
