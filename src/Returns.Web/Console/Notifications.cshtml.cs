using Mediator;
using Microsoft.AspNetCore.Mvc;
using Returns.Web.Features.Notifications;

namespace Returns.Web.Console;

/// <summary>通知: the caller's notifications (ListNotifications), each unread one can be marked read.</summary>
public sealed class NotificationsModel(IMediator mediator) : ConsolePage(mediator)
{
    public IReadOnlyList<NotificationView> Items { get; private set; } = [];
    public int Unread { get; private set; }

    public Task OnGetAsync() => Load();

    public async Task<IActionResult> OnPostReadAsync(Guid id)
    {
        if (await Try(async () => await Mediator.Send(new MarkNotificationRead.Command(id))))
            return RedirectToPage();
        await Load();
        return Page();
    }

    private async Task Load()
    {
        var result = await Mediator.Send(new ListNotifications.Query(false, 100));
        Items = result.Items;
        Unread = result.Unread;
    }
}
