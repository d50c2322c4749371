using Returns.Domain.Cases;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Cases;

/// <summary>
/// Issue 13 item 7: once the warehouse has the goods, cancelling would leave the shop holding them and the buyer without
/// the refund or replacement; only a supervisor may do it, with a reason.
/// </summary>
public sealed class CancelAfterReceiptTests
{
    [Theory]
    [InlineData(CaseType.Return, CaseStatus.RefundPending)]
    [InlineData(CaseType.Return, CaseStatus.InspectionFailed)]
    [InlineData(CaseType.Exchange, CaseStatus.ReplacementPending)]
    [InlineData(CaseType.Exchange, CaseStatus.ReplacementShipped)]
    public void An_agent_may_not_cancel_once_the_goods_are_received(CaseType type, CaseStatus state)
    {
        var builder = new CaseBuilder().OfType(type);
        var @case = builder.In(state);
        var version = @case.Version;

        var error = Assert.Throws<PolicyViolationException>(() => @case.Cancel("买家不要了", builder.At(Actors.Agent)));

        Assert.Equal(PolicyCodes.SupervisorRequired, error.Code);
        Assert.Equal(state, @case.Status);
        Assert.Equal(version, @case.Version);
        Assert.DoesNotContain("cancel", @case.AllowedActions(Actors.Agent));
    }

    [Theory]
    [InlineData(CaseType.Return, CaseStatus.RefundPending)]
    [InlineData(CaseType.Exchange, CaseStatus.ReplacementPending)]
    public void A_supervisor_cancels_after_receipt_with_the_reason_on_the_timeline(CaseType type, CaseStatus state)
    {
        var builder = new CaseBuilder().OfType(type);
        var @case = builder.In(state);

        Assert.Contains("cancel", @case.AllowedActions(Actors.Supervisor));
        @case.Cancel("买家撤销,货物已入库转售", builder.At(Actors.Supervisor));

        Assert.Equal(CaseStatus.Cancelled, @case.Status);
        var entry = @case.NewTimelineEntries[^1];
        Assert.Equal("cancel", entry.Action);
        Assert.Equal("买家撤销,货物已入库转售", System.Text.Json.JsonDocument.Parse(entry.Data!).RootElement.GetProperty("reason").GetString());
        Assert.Equal(Actors.Supervisor.Name, entry.Actor);
    }

    [Theory]
    [InlineData(CaseStatus.Submitted)]
    [InlineData(CaseStatus.AwaitingReturnShipment)]
    [InlineData(CaseStatus.ReturnInTransit)]
    public void An_agent_still_cancels_before_the_goods_arrive(CaseStatus state)
    {
        var builder = new CaseBuilder();
        var @case = builder.In(state);

        @case.Cancel("买家撤销申请", builder.At(Actors.Agent));

        Assert.Equal(CaseStatus.Cancelled, @case.Status);
    }
}
