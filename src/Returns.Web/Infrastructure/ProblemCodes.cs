using Returns.Domain.Cases;

namespace Returns.Web.Infrastructure;

/// <summary>
/// Every stable <c>code</c> a problem+json answer carries, with what it means. The OpenAPI document lists them as the
/// <c>ProblemCode</c> enum, so a typed client can branch on them; the conformance tests fail on a code missing here.
/// </summary>
public static class ProblemCodes
{
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        ["validation-failed"] = "400: the request has invalid fields (see errors) or is malformed.",
        ["unauthenticated"] = "401: sign in, or send a valid X-Api-Key.",
        ["forbidden"] = "403: the caller's role, scopes or shop do not allow this.",
        ["locked-out"] = "403: too many failed sign-ins; wait, or ask an admin.",
        ["cross-origin-request"] = "403: a write signed in with the session cookie came from another site's page (CSRF); use the service's own pages, or an X-Api-Key.",
        ["not-found"] = "404: no such resource, or not visible to the caller.",
        ["method-not-allowed"] = "405: the path exists, the method does not.",
        ["invalid-transition"] = "409: the action is not allowed in the case's status (see allowedActions, caseStatus).",
        ["concurrent-update"] = "409: another request changed the same case at the same time; reload and retry.",
        ["conflict"] = "409: the resource already exists.",
        ["api-key-name-taken"] = "409: an API key with this name exists or existed (names are unique: the timeline names a key by it).",
        ["idempotency-key-reused"] = "409: this Idempotency-Key was used with another request body.",
        ["idempotency-key-in-progress"] = "409: the first request with this Idempotency-Key is still running; retry shortly.",
        [PolicyCodes.TrackingNumberInUse] = "409: the return tracking number is already another open case's parcel (any shop's).",
        ["parcel-already-matched"] = "409/422: the parcel was already matched to a case.",
        ["precondition-failed"] = "412: If-Match names an older version of the case (see currentVersion).",
        ["payload-too-large"] = "413: the body (1 MB JSON) or a file (10 MB) is too large.",
        ["unsupported-media-type"] = "415: JSON bodies are application/json; evidence is multipart/form-data images.",
        [PolicyCodes.EvidenceRequired] = "422: a quality reason needs photo evidence before approval.",
        [PolicyCodes.FreightCollectRefused] = "422: freight-collect (到付) parcels are refused.",
        [PolicyCodes.OutsideWindow] = "422: outside the return or explanation window.",
        [PolicyCodes.SupervisorRequired] = "422: a supervisor must decide (above the cap, outside the window).",
        [PolicyCodes.RefundExceedsDue] = "422: the refund is more than is due; only a supervisor refunds more.",
        [PolicyCodes.ExceedsOrderTotal] = "422: refunds and payouts over the order's cases would pass what was paid for it (goods, shipping fee, return postage owed).",
        [PolicyCodes.ItemNotInCase] = "422: the item is not part of the case.",
        [PolicyCodes.ItemsUnderOpenCase] = "422: the order's items are already under an open case.",
        [PolicyCodes.InvalidLink] = "422: the link names no case, the case itself, or a case of another shop.",
        [PolicyCodes.ReferenceRequired] = "422: this payment method needs a reference.",
        [PolicyCodes.CompensationExceedsGoods] = "422: the compensation is more than the goods are worth.",
        [PolicyCodes.PayoutExceedsApproved] = "422: the payout is more than the approved compensation.",
        [PolicyCodes.OpenDiscountExists] = "422: the order already has an open discount case.",
        ["open-bad-review-exists"] = "422: the review already has an open bad-review case.",
        [PolicyCodes.ReasonNotEligible] = "422: the reason does not fit this case type.",
        [PolicyCodes.RevisionWindowOpen] = "422: wait until the buyer's revision window ends.",
        [PolicyCodes.RatingNotImproved] = "422: the revised rating is not better than the first.",
        [PolicyCodes.CurrencyMismatch] = "422: a case's currency is its shop's.",
        [PolicyCodes.NoReasonReturnNotRefusable] = "422: a 7-day no-reason return inside its window may be refused only as notResaleable (after inspection), productExcluded, buyerWithdrew or duplicate.",
        [PolicyCodes.NotAPlatformClock] = "422: a platform due time was sent for a clock the marketplace does not run on this type of case.",
        [PolicyCodes.NoPostageOwed] = "422: the exchange owes the buyer no return postage (buyer's reason, or already paid).",
        ["reserved-name"] = "422: the user name is reserved for the timeline's automatic steps (system) or API keys (key:…).",
        [PolicyCodes.BuyerDataRemoved] = "422: the buyer's contact data was removed after the retention period; nothing to reveal.",
        [PolicyCodes.UnknownAssignee] = "422: the assignee is not an active agent or supervisor.",
        ["already-explained"] = "422: the review was already explained.",
        ["compensation-required"] = "422: a discount needs the amount and the defect.",
        ["invalid-amount"] = "422: the amount must be positive (postage: not negative).",
        ["invalid-explanation"] = "422: the explanation's length is out of bounds.",
        ["invalid-quantity"] = "422: a quantity is out of bounds.",
        ["not-a-bad-review"] = "422: only medium and bad reviews are cases.",
        ["review-required"] = "422: a bad-review case needs the review.",
        ["unknown-evidence"] = "422: the evidence is not attached to this case.",
        ["unknown-reason"] = "422: the reason is not in the catalog.",
        [Features.Webhooks.WebhookTargets.NotAllowedCode] = "422: a webhook URL must name a public address (not loopback, private, link-local, …).",
        ["rate-limited"] = "429: too many requests; wait for Retry-After seconds.",
        ["internal-error"] = "500: the service failed; the error was logged.",
    };
}
