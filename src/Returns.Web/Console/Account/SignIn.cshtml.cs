using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Returns.Web.Console.Account;

/// <summary>Cookie sign-in for the console: the same request as <c>POST /api/v1/auth/sign-in</c>, lockout included.</summary>
public sealed class SignInModel(IMediator mediator) : PageModel
{
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password) || UserName.Length > 256 || Password.Length > 256)
        {
            Error = "请输入用户名和密码 / Enter your user name and password.";
            return Page();
        }
        var outcome = await mediator.Send(new Features.Auth.SignIn.Command(UserName, Password), ct);
        if (outcome.Me is not null)
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        Error = outcome.LockedForSeconds is not null
            ? "登录失败次数过多,账户已暂时锁定 / Too many failed attempts: the account is locked for a while."
            : "用户名或密码错误 / Wrong user name or password.";
        return Page();
    }
}
