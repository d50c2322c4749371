using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Returns.Data.Security;
using Returns.Web.Infrastructure.Security;

namespace Returns.Web.Console.Account;

/// <summary>Ends the console's session on the server, as <c>POST /api/v1/auth/sign-out</c> does.</summary>
public sealed class SignOutModel(IMediator mediator, SignInManager<ReturnsUser> signIn) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await mediator.Send(new Features.Auth.SignOut.Command(User.FindFirstValue(SessionStore.Claim)), ct);
        await signIn.SignOutAsync();
        return Redirect("/account/sign-in");
    }
}
