using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Returns.Data.Security;

namespace Returns.Web.Console.Account;

/// <summary>Cookie sign-in for the console; repeated failures lock the account (Identity lockout).</summary>
public sealed class SignInModel(SignInManager<ReturnsUser> signIn) : PageModel
{
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password))
        {
            Error = "请输入用户名和密码 / Enter your user name and password.";
            return Page();
        }
        var user = await signIn.UserManager.FindByNameAsync(UserName) ?? await signIn.UserManager.FindByEmailAsync(UserName);
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        Error = result.IsLockedOut
            ? "登录失败次数过多,账户已暂时锁定 / Too many failed attempts: the account is locked for a while."
            : "用户名或密码错误 / Wrong user name or password.";
        return Page();
    }
}
