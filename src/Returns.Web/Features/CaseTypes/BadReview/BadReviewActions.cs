using FluentValidation;
using Returns.Domain.Cases;
using Returns.Web.Features.Cases;
using Returns.Web.Features.Cases.Actions;

namespace Returns.Web.Features.CaseTypes.BadReview;

// The actions of a bad-review case (中差评), mirroring Case.BadReview.cs.

/// <summary>One attempt to reach the buyer about their review; repeat as often as needed.</summary>
public sealed record ContactBuyerBody(ContactChannel? Channel, ContactOutcome? Outcome, string? Note) : CaseActionBody
{
    internal override ValueTask ApplyTo(Case c, CaseContext x, CancellationToken ct) { c.ContactBuyer(Channel!.Value, Outcome!.Value, Note, x.At(c)); return default; }
}

public sealed class ContactBuyerBodyValidator : AbstractValidator<ContactBuyerBody>
{
    public ContactBuyerBodyValidator()
    {
        RuleFor(b => b.Channel).NotNull().WithMessage("Required: wangwang, phone or sms.");
        RuleFor(b => b.Outcome).NotNull().WithMessage("Required: reached, noAnswer or refused.");
        RuleFor(b => b.Note).MaxCharacters(2000);
    }
}

/// <summary>The buyer agreed to revise the review.</summary>
public sealed record BuyerAgreedBody(string? Note) : CaseActionBody
{
    internal override ValueTask ApplyTo(Case c, CaseContext x, CancellationToken ct) { c.BuyerAgreed(Note, x.At(c)); return default; }
}

public sealed class BuyerAgreedBodyValidator : AbstractValidator<BuyerAgreedBody>
{
    public BuyerAgreedBodyValidator() => RuleFor(b => b.Note).MaxCharacters(2000);
}

/// <summary>The buyer revised the review, with the new rating.</summary>
public sealed record ConfirmRevisedBody(ReviewRating? NewRating) : CaseActionBody
{
    internal override ValueTask ApplyTo(Case c, CaseContext x, CancellationToken ct) { c.ConfirmRevised(NewRating!.Value, x.At(c)); return default; }
}

public sealed class ConfirmRevisedBodyValidator : AbstractValidator<ConfirmRevisedBody>
{
    public ConfirmRevisedBodyValidator() => RuleFor(b => b.NewRating).NotNull().WithMessage("Required: good or medium.");
}

/// <summary>The shop's public explanation of the review (评价解释).</summary>
public sealed record PostExplanationBody(string? Text) : CaseActionBody
{
    internal override ValueTask ApplyTo(Case c, CaseContext x, CancellationToken ct) { c.PostExplanation(Text!, x.At(c)); return default; }
}

public sealed class PostExplanationBodyValidator : AbstractValidator<PostExplanationBody>
{
    public PostExplanationBodyValidator() => RuleFor(b => b.Text).RequiredText(Case.ExplanationMaxLength);
}

/// <summary>The review tries to extort (恶意评价): the reason and evidence for the appeal.</summary>
public sealed record MarkMaliciousBody(string? Reason, string? Evidence) : CaseActionBody
{
    internal override ValueTask ApplyTo(Case c, CaseContext x, CancellationToken ct) { c.MarkMalicious(Reason!, Evidence, x.At(c)); return default; }
}

public sealed class MarkMaliciousBodyValidator : AbstractValidator<MarkMaliciousBody>
{
    public MarkMaliciousBodyValidator()
    {
        RuleFor(b => b.Reason).RequiredText(2000);
        RuleFor(b => b.Evidence).MaxCharacters(4000);
    }
}

/// <summary>The appeal was filed with the platform, under this reference.</summary>
public sealed record FileAppealBody(string? Reference) : CaseActionBody
{
    internal override ValueTask ApplyTo(Case c, CaseContext x, CancellationToken ct) { c.FileAppeal(Reference!.Trim(), x.At(c)); return default; }
}

public sealed class FileAppealBodyValidator : AbstractValidator<FileAppealBody>
{
    public FileAppealBodyValidator() => RuleFor(b => b.Reference).RequiredText(128);
}

/// <summary>The platform upheld the appeal: the review is removed, the case completed.</summary>
public sealed record AppealUpheldBody : CaseActionBody
{
    internal override ValueTask ApplyTo(Case c, CaseContext x, CancellationToken ct) { c.AppealUpheld(x.At(c)); return default; }
}

/// <summary>The platform rejected the appeal: the review stands and is locked.</summary>
public sealed record AppealRejectedBody : CaseActionBody
{
    internal override ValueTask ApplyTo(Case c, CaseContext x, CancellationToken ct) { c.AppealRejected(x.At(c)); return default; }
}
