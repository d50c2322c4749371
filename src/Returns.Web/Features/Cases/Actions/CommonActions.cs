using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Returns.Domain.Cases;

namespace Returns.Web.Features.Cases.Actions;

// The actions every open case allows (docs/design.md §2), whatever its type.

/// <summary>Give the case to an active agent or supervisor, by user name.</summary>
public sealed record AssignBody(string? Assignee) : CaseActionBody
{
    internal override async ValueTask ApplyTo(Case c, CaseContext x, CancellationToken ct) =>
        c.Assign(Assignee!.Trim(), await x.FindPerson(Assignee!), x.At(c));
}

public sealed class AssignBodyValidator : AbstractValidator<AssignBody>
{
    public AssignBodyValidator() => RuleFor(b => b.Assignee).RequiredText(128);
}

/// <summary>An internal note on the case.</summary>
public sealed record AddNoteBody(string? Text) : CaseActionBody
{
    internal override ValueTask ApplyTo(Case c, CaseContext x, CancellationToken ct) { c.AddNote(Text!, x.At(c)); return default; }
}

public sealed class AddNoteBodyValidator : AbstractValidator<AddNoteBody>
{
    public AddNoteBodyValidator() => RuleFor(b => b.Text).RequiredText(4000);
}

/// <summary>Link another case (e.g. a bad review and its remedy); both sides show the link.</summary>
public sealed record LinkBody(Guid? CaseId) : CaseActionBody
{
    internal override async ValueTask ApplyTo(Case c, CaseContext x, CancellationToken ct)
    {
        var other = CaseId == c.Id
            ? c
            : await x.Cases.Include(o => o.Deadlines).SingleOrDefaultAsync(o => o.Id == CaseId, ct)
              ?? throw new PolicyViolationException(PolicyCodes.InvalidLink, $"Case {CaseId} does not exist.");
        c.Link(other, x.At(c));
    }
}

public sealed class LinkBodyValidator : AbstractValidator<LinkBody>
{
    public LinkBodyValidator() => RuleFor(b => b.CaseId).NotNull().WithMessage("Required.").NotEqual(Guid.Empty);
}

/// <summary>Close the case without an outcome (the buyer withdrew, a duplicate).</summary>
public sealed record CancelBody(string? Reason) : CaseActionBody
{
    internal override ValueTask ApplyTo(Case c, CaseContext x, CancellationToken ct) { c.Cancel(Reason!, x.At(c)); return default; }
}

public sealed class CancelBodyValidator : AbstractValidator<CancelBody>
{
    public CancelBodyValidator() => RuleFor(b => b.Reason).RequiredText(2000);
}
