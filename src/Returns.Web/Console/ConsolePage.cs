using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Returns.Domain.Cases;
using Returns.Web.Features.Notifications;
using Returns.Web.Infrastructure;

namespace Returns.Web.Console;

/// <summary>
/// A console page: it sends the same Mediator requests as the REST API, and shows the API's refusals (problem
/// details, validation errors by field) on the page instead of an error page.
/// </summary>
public abstract class ConsolePage(IMediator mediator) : PageModel
{
    protected IMediator Mediator => mediator;

    /// <summary>The refusal to show, in the API's words.</summary>
    public string? Error { get; protected set; }

    /// <summary>Validation errors by API field path (e.g. <c>order.items[0].sku</c>).</summary>
    public IDictionary<string, string[]> FieldErrors { get; } = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);

    public string? FieldError(string field) => FieldErrors.TryGetValue(field, out var errors) ? string.Join(" ", errors) : null;

    /// <summary>Runs a request; a refusal becomes <see cref="Error"/> and <see cref="FieldErrors"/>, never an error page.</summary>
    protected async Task<bool> Try(Func<Task> send)
    {
        try
        {
            await send();
            return true;
        }
        catch (Exception e) when (e is ProblemException or ValidationException or InvalidTransitionException or PolicyViolationException or ActionForbiddenException
                                       or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            var problem = ProblemExceptionHandler.ToProblem(e);
            Error = $"{problem.Detail} ({problem.Extensions["code"]})";
            if (problem.Extensions.TryGetValue("errors", out var errors) && errors is IDictionary<string, string[]> byField)
                foreach (var (field, messages) in byField) FieldErrors[field] = messages;
            return false;
        }
    }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (User.Identity?.IsAuthenticated == true)
            ViewData["Unread"] = (await mediator.Send(new ListNotifications.Query(true, 1))).Unread;
        await next();
    }
}
