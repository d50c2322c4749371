using Returns.Domain.Cases;
using Returns.Domain.Tests.Support;

namespace Returns.Domain.Tests.Cases;

public sealed class RoleTests
{
    [Fact]
    public void Warehouse_may_confirm_receipt()
    {
        var builder = new CaseBuilder();
        var @case = builder.In(CaseStatus.ReturnInTransit);

        @case.ConfirmReceipt(builder.AllItems(ItemCondition.Resaleable), "Both units fine.", builder.At(Actors.Warehouse));

        Assert.Equal(CaseStatus.RefundPending, @case.Status);
        Assert.Equal(Role.Warehouse, @case.NewTimelineEntries[^1].ActorRole);
    }

    [Fact]
    public void Warehouse_may_refuse_a_parcel()
    {
        var builder = new CaseBuilder();
        var @case = builder.In(CaseStatus.ReturnInTransit);

        @case.RefuseParcel("Freight-collect parcel.", builder.At(Actors.Warehouse));

        Assert.Equal(CaseStatus.AwaitingReturnShipment, @case.Status);
    }

    [Fact]
    public void Refused_parcel_clears_the_shipment_so_the_buyer_sends_again()
    {
        var builder = new CaseBuilder().WithReason("quality.defective");
        var @case = builder.In(CaseStatus.ReturnInTransit);

        @case.RefuseParcel("Freight-collect parcel.", builder.At(Actors.Warehouse));

        Assert.Null(@case.ReturnShipment);
        Assert.Null(@case.ReturnTrackingNumber);
        Assert.Equal(0m, @case.PostageReimbursement);
    }

    [Fact]
    public void Warehouse_may_add_a_note()
    {
        var builder = new CaseBuilder();
        var @case = builder.In(CaseStatus.ReturnInTransit);

        @case.AddNote("Box was wet on arrival.", builder.At(Actors.Warehouse));

        var note = Assert.Single(@case.Notes);
        Assert.Equal("Box was wet on arrival.", note.Text);
        Assert.Equal(Actors.Warehouse.Name, note.Author);
    }

    [Fact]
    public void Warehouse_may_not_approve()
    {
        var builder = new CaseBuilder();
        var @case = builder.Open();

        var error = Assert.Throws<ActionForbiddenException>(() => @case.Approve(null, builder.At(Actors.Warehouse)));

        Assert.Equal(CaseAction.Approve, error.Action);
        Assert.Equal(Role.Warehouse, error.Role);
        Assert.Equal(CaseStatus.Submitted, @case.Status);
        Assert.Equal(1, @case.Version);
    }

    [Fact]
    public void Warehouse_may_not_refund()
    {
        var builder = new CaseBuilder();
        var @case = builder.In(CaseStatus.RefundPending);
        var version = @case.Version;

        var error = Assert.Throws<ActionForbiddenException>(() =>
            @case.Refund(@case.RefundDue, PayoutMethod.PlatformRefund, "TB-RF-1", builder.At(Actors.Warehouse)));

        Assert.Equal(CaseAction.Refund, error.Action);
        Assert.Equal(CaseStatus.RefundPending, @case.Status);
        Assert.Equal(version, @case.Version);
        Assert.Empty(@case.Refunds);
    }

    [Theory]
    [InlineData(Role.Agent)]
    [InlineData(Role.Supervisor)]
    [InlineData(Role.Admin)]
    [InlineData(Role.Warehouse)]
    public void Only_the_system_may_let_a_case_expire(Role role)
    {
        var builder = new CaseBuilder();
        var @case = builder.In(CaseStatus.AwaitingReturnShipment);
        var version = @case.Version;

        var error = Assert.Throws<ActionForbiddenException>(() => @case.Expire("Too late.", builder.At(new Actor("someone", role))));

        Assert.Equal(CaseAction.Expire, error.Action);
        Assert.Equal(CaseStatus.AwaitingReturnShipment, @case.Status);
        Assert.Equal(version, @case.Version);
    }

    [Fact]
    public void System_lets_a_case_awaiting_the_parcel_expire()
    {
        var builder = new CaseBuilder();
        var @case = builder.In(CaseStatus.AwaitingReturnShipment);

        @case.Expire("No parcel within 7 days.", builder.At(Actors.System));

        Assert.Equal(CaseStatus.Expired, @case.Status);
        Assert.Equal("No parcel within 7 days.", @case.ResolutionNote);
    }

    [Fact]
    public void Action_of_another_case_type_is_refused_by_the_state_with_what_is_allowed()
    {
        var builder = new CaseBuilder().BadReview();
        var @case = builder.Open();

        var error = Assert.Throws<InvalidTransitionException>(() => @case.Approve(null, builder.At(Actors.Agent)));

        Assert.Equal((CaseAction.Approve, CaseStatus.Open), (error.Action, error.Status));
        Assert.Contains("contact-buyer", error.AllowedActions);
        Assert.Equal(1, @case.Version);
    }

    [Fact]
    public void Role_that_may_take_an_action_on_no_case_is_forbidden_it_on_every_type()
    {
        var builder = new CaseBuilder();
        var @case = builder.Open();

        var contact = Assert.Throws<ActionForbiddenException>(() =>
            @case.ContactBuyer(ContactChannel.Phone, ContactOutcome.Reached, null, builder.At(Actors.Warehouse)));
        var @lock = Assert.Throws<ActionForbiddenException>(() => @case.Lock(builder.At(Actors.Agent)));

        Assert.Equal((CaseAction.ContactBuyer, Role.Warehouse), (contact.Action, contact.Role));
        Assert.Equal((CaseAction.Lock, Role.Agent), (@lock.Action, @lock.Role));
        Assert.Equal(1, @case.Version);
    }

    [Fact]
    public void Warehouse_may_not_open_a_case()
    {
        var builder = new CaseBuilder();

        Assert.Throws<ActionForbiddenException>(() => builder.Open(Actors.Warehouse));
    }

    [Fact]
    public void Allowed_actions_for_the_warehouse_are_only_its_own()
    {
        var @case = new CaseBuilder().In(CaseStatus.ReturnInTransit);

        Assert.Equal(
            ["add-evidence", "add-note", "confirm-receipt", "refuse-parcel"],
            @case.AllowedActions(Actors.Warehouse).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Allowed_actions_for_an_agent_include_the_desk_actions()
    {
        var @case = new CaseBuilder().In(CaseStatus.ReturnInTransit);

        Assert.Equal(
            ["add-evidence", "add-note", "assign", "cancel", "confirm-receipt", "link", "refuse-parcel", "sync-platform-deadlines"],
            @case.AllowedActions(Actors.Agent).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Allowed_actions_for_the_warehouse_on_a_new_case_exclude_approval()
    {
        var @case = new CaseBuilder().Open();

        Assert.Equal(["add-evidence", "add-note"], @case.AllowedActions(Actors.Warehouse).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Allowed_actions_offer_expire_to_the_system_only()
    {
        var @case = new CaseBuilder().In(CaseStatus.AwaitingReturnShipment);

        Assert.Contains("expire", @case.AllowedActions(Actors.System));
        Assert.DoesNotContain("expire", @case.AllowedActions(Actors.Supervisor));
        Assert.DoesNotContain("expire", @case.AllowedActions(Actors.Agent));
    }

    public static TheoryData<CaseStatus, Role> ClosedStatesAndRoles()
    {
        var data = new TheoryData<CaseStatus, Role>();
        foreach (var status in new[] { CaseStatus.Completed, CaseStatus.Rejected, CaseStatus.Cancelled, CaseStatus.Expired })
        foreach (var role in Enum.GetValues<Role>())
            data.Add(status, role);
        return data;
    }

    [Theory]
    [MemberData(nameof(ClosedStatesAndRoles))]
    public void A_closed_case_allows_nobody_anything(CaseStatus status, Role role)
    {
        var @case = new CaseBuilder().In(status);

        Assert.Empty(@case.AllowedActions(new Actor("someone", role)));
    }
}
