using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Returns.Web.Tests.Support;

namespace Returns.Web.Tests;

/// <summary>
/// Issue 6: every endpoint × (anonymous, each role, a key of each scope) → the expected status. The table below
/// is written by hand from the issue and docs/business-rules.md §5.2, not read from the endpoints' metadata: a new endpoint
/// fails <see cref="SqliteAuthorizationMatrixTests.Every_endpoint_of_the_running_app_is_classified_in_the_matrix"/>
/// until someone decides who may call it.
/// </summary>
public sealed class SqliteAuthorizationMatrixTests(AuthorizationMatrixApp app) : IClassFixture<AuthorizationMatrixApp>
{
    /// <summary>What an endpoint needs. Which principal holds which is <see cref="Grants"/>.</summary>
    public enum Need
    {
        /// <summary>Answers without credentials: health, sign-in, the Swagger UI (issue 6: nothing else).</summary>
        Anonymous,

        /// <summary>
        /// Read cases: every role (warehouse: the cases it receives); keys cases:read and cases:write, and reviews (the bad
        /// reviews it logs and works; issue 19, item 4).
        /// </summary>
        CasesRead,

        /// <summary>Log a case: the desk; keys cases:write, and reviews (a review feed logs bad reviews).</summary>
        Intake,

        /// <summary>Change a case (approve, refund, …): the desk; key cases:write. Not the warehouse.</summary>
        CasesWrite,

        /// <summary>
        /// What every open case allows (assign, link, cancel): the desk; keys cases:write, and reviews on bad reviews
        /// (docs/business-rules.md §5.2 "bad reviews also `reviews`"; issue 19, item 4).
        /// </summary>
        CaseWork,

        /// <summary>
        /// Scan parcels, confirm receipt, refuse parcels, reship (docs/business-rules.md §5.2 "Reship: Warehouse ✔ S/I"),
        /// the unmatched-parcel list: the warehouse and the (after-sales) desk; keys warehouse and cases:write.
        /// </summary>
        WarehouseWork,

        /// <summary>
        /// Add a note or evidence photos to a case: the desk and the warehouse (docs/business-rules.md §5.2 "note only (I)",
        /// courier claim "evidence (I)"); keys cases:write and warehouse, and reviews on bad reviews (issue 19, item 4).
        /// </summary>
        CaseRecord,

        /// <summary>Work a bad review (contact the buyer, explain, appeal): the desk; keys reviews and cases:write.</summary>
        Reviews,

        /// <summary>Webhook subscriptions: admins; key webhooks.</summary>
        Webhooks,

        /// <summary>
        /// The event feed (issue 19, item 20): supervisors and admins; keys webhooks, cases:read and cases:write. Not the
        /// warehouse nor a review feed, which see only some cases.
        /// </summary>
        Events,

        /// <summary>Users and keys: admins only, never a key.</summary>
        Admin,

        /// <summary>The shift handover: the desk (not the warehouse); keys that read cases.</summary>
        Handover,

        /// <summary>A person's own things (notifications, sign-out): any signed-in person, never a key.</summary>
        Person,

        /// <summary>Catalogs, workflows, who-am-I: any authenticated caller.</summary>
        Authenticated,

        /// <summary>The Hangfire dashboard: supervisors and admins (docs/design.md §1).</summary>
        Jobs,

        /// <summary>A console page: any signed-in person; anonymous callers are sent to the sign-in page.</summary>
        ConsolePage,

        /// <summary>Reveal a buyer's phone with a reason (docs/business-rules.md §7): the people who call buyers, agents and supervisors.</summary>
        RevealContact,

        /// <summary>The access log of buyers' contact data: supervisors and admins; key audit.</summary>
        Audit,
    }

    /// <summary>One classified endpoint: HTTP method (ANY when it has none, as Razor pages) and route pattern.</summary>
    public sealed record Rule(string Method, string Pattern, Need Need);

    private const string Any = "ANY";

    private const string Cases = "/api/v1/cases";

    /// <summary>The matrix: (method, route pattern) → what it needs. Written from issue 6 and docs/business-rules.md §5.2.</summary>
    public static readonly IReadOnlyList<Rule> Table =
    [
        // Health and documentation.
        new(Any, "/health/live", Need.Anonymous),
        new(Any, "/health/ready", Need.Anonymous),

        // Sign-in for people; everything else about the session needs one.
        new("POST", "/api/v1/auth/sign-in", Need.Anonymous),
        new("POST", "/api/v1/auth/sign-out", Need.Person),
        new("POST", "/api/v1/auth/sign-out-everywhere", Need.Person),
        new("GET", "/api/v1/auth/me", Need.Authenticated),

        // Console pages.
        new(Any, "/", Need.ConsolePage),
        new(Any, "/account/sign-in", Need.Anonymous),
        // The language switch beside the sign-in form only sets a cookie and goes back.
        new(Any, "/account/language", Need.Anonymous),
        new(Any, "/account/sign-out", Need.ConsolePage),
        new(Any, "/cases/new", Need.ConsolePage),
        new(Any, "/cases/{id:guid}", Need.ConsolePage),
        new(Any, "/warehouse", Need.ConsolePage),
        new(Any, "/supervisor", Need.ConsolePage),
        new(Any, "/handover", Need.ConsolePage),
        new(Any, "/notifications", Need.ConsolePage),
        // Shown to a signed-in person who was refused; issue 6 lets nothing else answer anonymously.
        new(Any, "/account/denied", Need.ConsolePage),

        // Hangfire dashboard.
        new(Any, "/hangfire/{**path}", Need.Jobs),

        // Reading cases.
        new("GET", Cases, Need.CasesRead),
        new("GET", Cases + "/{id}", Need.CasesRead),
        new("GET", Cases + "/{id:guid}/timeline", Need.CasesRead),
        new("GET", Cases + "/{id:guid}/evidence/{evidenceId:guid}", Need.CasesRead),

        // Buyer data: revealed by a person with a reason, the log read by supervisors.
        new("POST", Cases + "/{id:guid}/reveal-contact", Need.RevealContact),
        new("GET", "/api/v1/audit/access", Need.Audit),

        // Logging a case, adding to it.
        new("POST", Cases, Need.Intake),
        new("POST", Cases + "/{id:guid}/evidence", Need.CaseRecord),
        new("POST", Cases + "/{id:guid}/add-evidence", Need.CaseRecord),
        new("POST", Cases + "/{id:guid}/add-note", Need.CaseRecord),

        // Case actions of the desk.
        new("POST", Cases + "/{id:guid}/approve", Need.CasesWrite),
        new("POST", Cases + "/{id:guid}/reject", Need.CasesWrite),
        new("POST", Cases + "/{id:guid}/request-evidence", Need.CasesWrite),
        new("POST", Cases + "/{id:guid}/submit-evidence", Need.CasesWrite),
        new("POST", Cases + "/{id:guid}/record-return-shipment", Need.CasesWrite),
        new("POST", Cases + "/{id:guid}/refund", Need.CasesWrite),
        new("POST", Cases + "/{id:guid}/confirm-delivery", Need.CasesWrite),
        new("POST", Cases + "/{id:guid}/convert-to-refund", Need.CasesWrite),
        new("POST", Cases + "/{id:guid}/refund-postage", Need.CasesWrite),
        new("POST", Cases + "/{id:guid}/sync-platform-deadlines", Need.CasesWrite),
        new("POST", Cases + "/{id:guid}/assign", Need.CaseWork),
        new("POST", Cases + "/{id:guid}/link", Need.CaseWork),
        new("POST", Cases + "/{id:guid}/cancel", Need.CaseWork),
        new("POST", Cases + "/{id:guid}/record-payout", Need.CasesWrite),

        // Case actions of the warehouse.
        new("POST", Cases + "/{id:guid}/confirm-receipt", Need.WarehouseWork),
        new("POST", Cases + "/{id:guid}/refuse-parcel", Need.WarehouseWork),
        new("POST", Cases + "/{id:guid}/ship-replacement", Need.WarehouseWork),

        // Bad reviews.
        new("POST", Cases + "/{id:guid}/contact-buyer", Need.Reviews),
        new("POST", Cases + "/{id:guid}/buyer-agreed", Need.Reviews),
        new("POST", Cases + "/{id:guid}/confirm-revised", Need.Reviews),
        new("POST", Cases + "/{id:guid}/post-explanation", Need.Reviews),
        new("POST", Cases + "/{id:guid}/mark-malicious", Need.Reviews),
        new("POST", Cases + "/{id:guid}/file-appeal", Need.Reviews),
        new("POST", Cases + "/{id:guid}/appeal-upheld", Need.Reviews),
        new("POST", Cases + "/{id:guid}/appeal-rejected", Need.Reviews),

        // Warehouse desk.
        new("POST", "/api/v1/warehouse/receipts", Need.WarehouseWork),
        new("GET", "/api/v1/warehouse/unmatched-parcels", Need.WarehouseWork),
        // Linking a parcel to its case is an agent's job (docs/design.md §3).
        new("POST", "/api/v1/warehouse/unmatched-parcels/{id:guid}/match", Need.CasesWrite),

        // People's own things and the desk's.
        new("GET", "/api/v1/notifications", Need.Person),
        new("POST", "/api/v1/notifications/{id:guid}/read", Need.Person),
        new("GET", "/api/v1/handover", Need.Handover),

        // Catalogs.
        new("GET", "/api/v1/reasons", Need.Authenticated),
        new("GET", "/api/v1/rejection-reasons", Need.Authenticated),
        new("GET", "/api/v1/workflows", Need.Authenticated),
        new("GET", "/api/v1/workflows/{type}", Need.Authenticated),

        // Administration: admins manage users and keys.
        new("GET", "/api/v1/admin/users", Need.Admin),
        new("POST", "/api/v1/admin/users", Need.Admin),
        new("POST", "/api/v1/admin/users/{id}/role", Need.Admin),
        new("POST", "/api/v1/admin/users/{id}/disable", Need.Admin),
        new("POST", "/api/v1/admin/users/{id}/enable", Need.Admin),
        new("POST", "/api/v1/admin/users/{id}/reset-password", Need.Admin),
        new("POST", "/api/v1/admin/users/{id}/sign-out-everywhere", Need.Admin),
        new("GET", "/api/v1/admin/api-keys", Need.Admin),
        new("POST", "/api/v1/admin/api-keys", Need.Admin),
        new("DELETE", "/api/v1/admin/api-keys/{id:guid}", Need.Admin),

        // Webhooks.
        new("GET", "/api/v1/webhooks", Need.Webhooks),
        new("POST", "/api/v1/webhooks", Need.Webhooks),
        new("DELETE", "/api/v1/webhooks/{id:guid}", Need.Webhooks),
        new("GET", "/api/v1/webhooks/{id:guid}/deliveries", Need.Webhooks),
        new("GET", "/api/v1/events", Need.Events),
        new("GET", "/swagger/v1/swagger.json", Need.Anonymous),
    ];

    /// <summary>Served by middleware rather than a routed endpoint, and still part of the matrix.</summary>
    public static readonly IReadOnlyList<Rule> MiddlewarePaths =
    [
        new("GET", "/swagger/index.html", Need.Anonymous),
    ];

    public const string Anonymous = "anonymous";

    /// <summary>The callers: nobody, a person of each role, a key of each single scope.</summary>
    public static readonly IReadOnlyList<string> Principals =
    [
        Anonymous, "agent", "supervisor", "warehouse", "admin",
        "key:cases:read", "key:cases:write", "key:warehouse", "key:reviews", "key:webhooks", "key:buyer-contact", "key:audit",
    ];

    private static readonly Need[] Desk =
        [Need.CasesRead, Need.Intake, Need.CasesWrite, Need.CaseWork, Need.WarehouseWork, Need.CaseRecord, Need.Reviews, Need.Handover];

    private static readonly Need[] People = [Need.Person, Need.Authenticated, Need.ConsolePage];

    /// <summary>Who holds which need (issue 6; docs/business-rules.md §5.2). Anonymous needs are held by everyone.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlySet<Need>> Grants = new Dictionary<string, IReadOnlySet<Need>>
    {
        [Anonymous] = new HashSet<Need>(),
        ["agent"] = new HashSet<Need>([.. Desk, .. People, Need.RevealContact]),
        ["supervisor"] = new HashSet<Need>([.. Desk, .. People, Need.Jobs, Need.RevealContact, Need.Audit, Need.Events]),
        // Scan parcels, confirm receipt, refuse parcels, read the cases they receive (+ notes/photos of what arrived).
        ["warehouse"] = new HashSet<Need>([Need.CasesRead, Need.WarehouseWork, Need.CaseRecord, .. People]),
        ["admin"] = new HashSet<Need>([.. Desk, .. People, Need.Jobs, Need.Admin, Need.Webhooks, Need.Audit, Need.Events]),
        ["key:cases:read"] = new HashSet<Need>([Need.CasesRead, Need.Handover, Need.Events, Need.Authenticated]),
        ["key:cases:write"] = new HashSet<Need>([.. Desk, Need.Events, Need.Authenticated]),
        ["key:warehouse"] = new HashSet<Need>([Need.WarehouseWork, Need.CaseRecord, Need.Authenticated]),
        // A review feed logs, reads and works bad reviews (which of them is the case's type: AllowedActionsMatrixTests).
        ["key:reviews"] = new HashSet<Need>([Need.Intake, Need.CasesRead, Need.Reviews, Need.CaseWork, Need.CaseRecord, Need.Authenticated]),
        ["key:webhooks"] = new HashSet<Need>([Need.Webhooks, Need.Events, Need.Authenticated]),
        // Unmasks the phone in what another scope lets the key read; on its own it reads no case.
        ["key:buyer-contact"] = new HashSet<Need>([Need.Authenticated]),
        ["key:audit"] = new HashSet<Need>([Need.Audit, Need.Authenticated]),
    };

    public static TheoryData<string, string, string> Matrix()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var rule in Table.Concat(MiddlewarePaths))
            foreach (var principal in Principals)
                data.Add(rule.Method, rule.Pattern, principal);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Endpoint_answers_each_principal_as_the_matrix_says(string method, string pattern, string principal)
    {
        var rule = Table.Concat(MiddlewarePaths).Single(r => r.Method == method && r.Pattern == pattern);
        var response = await app.Send(principal, method, pattern);
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        var seen = $"{method} {pattern} as {principal} ({rule.Need}) answered {status} {response.Headers.Location} {Truncate(body)}";

        Assert.True(status < 500, seen);
        if (rule.Need == Need.Anonymous)
        {
            Assert.True(status is not (401 or 403), seen);
            // The language switch answers with a redirect back, never to the sign-in page.
            if (principal == Anonymous && method is "GET" or Any)
                Assert.True(status == 200 || (pattern == "/account/language" && status == 302 && response.Headers.Location?.ToString() == "/"), seen);
        }
        else if (principal == Anonymous)
        {
            if (rule.Need == Need.ConsolePage)
            {
                Assert.True(status == 302, seen);
                Assert.StartsWith("/account/sign-in", SignInPath(response.Headers.Location));
            }
            else Assert.True(status == 401, seen);
        }
        else if (Grants[principal].Contains(rule.Need))
            Assert.True(status is not (401 or 403), seen);
        else if (rule.Need == Need.ConsolePage && !principal.StartsWith("key:", StringComparison.Ordinal))
        {
            // A person refused a page is shown the access-denied page.
            Assert.True(status == 302, seen);
            Assert.StartsWith("/account/denied", SignInPath(response.Headers.Location));
        }
        else Assert.True(status == 403, seen);
    }

    private static string SignInPath(Uri? location) =>
        location is null ? "" : location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";

    [Fact]
    public void Every_endpoint_of_the_running_app_is_classified_in_the_matrix()
    {
        var endpoints = app.RouteEndpoints();
        // Sanity: the enumeration sees the API, the console, health and Hangfire.
        Assert.Contains(endpoints, e => e.Pattern.StartsWith("/api/v1/", StringComparison.Ordinal));
        Assert.Contains(endpoints, e => e.Pattern == "/account/sign-in");
        Assert.Contains(endpoints, e => e.Pattern == "/health/live");
        Assert.Contains(endpoints, e => e.Pattern.StartsWith("/hangfire", StringComparison.Ordinal));

        var unclassified = endpoints.Where(e => !Table.Any(r => r.Method == e.Method && r.Pattern == e.Pattern))
            .Select(e => $"{e.Method} {e.Pattern}").Distinct().Order().ToList();
        Assert.True(unclassified.Count == 0,
            "Endpoints the authorization matrix does not classify (add them to AuthorizationMatrixTests.Table):\n" + string.Join("\n", unclassified));
    }

    [Fact]
    public void Every_row_of_the_matrix_names_an_endpoint_that_exists()
    {
        var endpoints = app.RouteEndpoints();
        var stale = Table.Where(r => !endpoints.Any(e => e.Method == r.Method && e.Pattern == r.Pattern))
            .Select(r => $"{r.Method} {r.Pattern}").ToList();
        Assert.True(stale.Count == 0, "Matrix rows with no such endpoint:\n" + string.Join("\n", stale));
    }

    [Fact]
    public void The_matrix_lets_nothing_but_health_sign_in_and_the_swagger_ui_answer_anonymously()
    {
        var anonymous = Table.Concat(MiddlewarePaths).Where(r => r.Need == Need.Anonymous).Select(r => r.Pattern).Order().ToList();
        Assert.Equal(
            ["/account/language", "/account/sign-in", "/api/v1/auth/sign-in", "/health/live", "/health/ready", "/swagger/index.html", "/swagger/v1/swagger.json"],
            anonymous);
    }
}

/// <summary>The service as users run it for the matrix: Hangfire's dashboard mapped (no job server on this node).</summary>
public sealed class AuthorizationMatrixApp : SqliteApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Returns:Jobs:Enabled", "true");
        builder.UseSetting("Returns:Roles", "api");
    }

    public sealed record RouteKey(string Method, string Pattern);

    /// <summary>Every routed endpoint as (method, pattern); ANY for an endpoint without an HTTP method (pages, Hangfire).</summary>
    public IReadOnlyList<RouteKey> RouteEndpoints()
    {
        var source = Services.GetRequiredService<EndpointDataSource>();
        return source.Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e =>
            {
                var pattern = "/" + (e.RoutePattern.RawText ?? "").Trim('/');
                var methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
                return methods is { Count: > 0 } ? methods.Select(m => new RouteKey(m, pattern)) : [new RouteKey("ANY", pattern)];
            })
            .Distinct()
            .ToList();
    }

    private readonly ConcurrentDictionary<string, Lazy<Task<HttpClient>>> _principals = new();

    private static readonly Dictionary<string, string> RoleUsers = new()
    {
        ["agent"] = "matrix.agent", ["supervisor"] = "matrix.supervisor", ["warehouse"] = "matrix.warehouse", ["admin"] = "matrix.admin",
    };

    /// <summary>Sends one placeholder request as <paramref name="principal"/>; redirects are not followed.</summary>
    public async Task<HttpResponseMessage> Send(string principal, string method, string pattern)
    {
        var path = Placeholders(pattern);
        // Signing out ends the session it is sent with: give it a session of its own; signing out everywhere ends every
        // session of the person: give it a person of its own.
        var fresh = pattern == "/api/v1/auth/sign-out" && RoleUsers.ContainsKey(principal);
        var everywhere = pattern == "/api/v1/auth/sign-out-everywhere" && RoleUsers.ContainsKey(principal);
        var client = everywhere ? await SignIn(principal, RoleUsers[principal] + ".everywhere")
            : fresh ? await SignIn(principal)
            : await _principals.GetOrAdd(principal, p => new Lazy<Task<HttpClient>>(() => Create(p))).Value;
        var request = new HttpRequestMessage(new HttpMethod(method == "ANY" ? "GET" : method), path);
        if (method == "POST")
            request.Content = pattern.EndsWith("/evidence", StringComparison.Ordinal) || pattern.EndsWith("/add-evidence", StringComparison.Ordinal)
                ? Photo() // the upload route only matches multipart bodies (415 before authorization otherwise)
                : new StringContent("{}", Encoding.UTF8, "application/json");
        return await client.SendAsync(request);
    }

    private static MultipartFormDataContent Photo()
    {
        var file = new ByteArrayContent(Api.Jpeg);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
        return new MultipartFormDataContent { { file, "file", "photo.jpg" } };
    }

    /// <summary>Route values that match nothing: random ids, a case number, a workflow type.</summary>
    public static string Placeholders(string pattern)
    {
        var path = Regex.Replace(pattern, @"\{(\*\*)?(\w+)[^}]*\}", m => m.Groups[2].Value switch
        {
            "id" when pattern.EndsWith("/cases/{id}", StringComparison.Ordinal) => "AS-000001",
            "type" => "return",
            "path" when m.Groups[1].Success => "",
            _ => Guid.NewGuid().ToString(),
        });
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    private HttpClient NewClient() =>
        new(new ContractConformanceHandler(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }))
        {
            BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30),
        };

    private async Task<HttpClient> Create(string principal)
    {
        if (principal == SqliteAuthorizationMatrixTests.Anonymous) return NewClient();
        if (RoleUsers.ContainsKey(principal)) return await SignIn(principal);
        var scope = principal["key:".Length..];
        var admin = Client(AdminEmail, "admin");
        var created = await admin.Post("admin/api-keys", JsonSerializer.Serialize(new { name = "matrix-" + scope.Replace(':', '-'), scopes = new[] { scope } }));
        if (created.Status != HttpStatusCode.Created) throw new InvalidOperationException($"Creating the {scope} key failed: {created}");
        var client = NewClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", created.Body!["apiKey"]!.GetValue<string>());
        return client;
    }

    private async Task<HttpClient> SignIn(string role, string? userName = null)
    {
        var user = userName ?? RoleUsers[role];
        Client(user, role); // created through the admin API the first time
        var client = NewClient();
        var reply = await client.PostAsync("/api/v1/auth/sign-in",
            new StringContent(JsonSerializer.Serialize(new { userName = user, password = UserPassword }), Encoding.UTF8, "application/json"));
        if (reply.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"Sign-in of {user} failed: {(int)reply.StatusCode}");
        return client;
    }
}
