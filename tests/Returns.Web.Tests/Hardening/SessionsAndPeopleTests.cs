using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Returns.Data;
using Returns.Data.Security;
using Returns.Web.Tests.Support;

namespace Returns.Web.Tests.Hardening;

/// <summary>
/// Issue 19, "Sessions and people" (items 6–9), over HTTP as the black-box run found them: a saved cookie outlived
/// sign-out, 30 wrong passwords at once got more than 5 checks, a person could be named <c>system</c> and two keys could
/// share a name, and a cookie-authenticated write from a foreign page succeeded.
/// </summary>
public abstract class SessionsAndPeopleTests(ReturnsApp app) : InputSuite(app)
{
    private Api Admin
    {
        get
        {
            Skip.If(App.Unavailable is not null, App.Unavailable);
            return App.Client(ReturnsApp.AdminEmail, "admin");
        }
    }

    private static string Json(object body) => JsonSerializer.Serialize(body);

    private static string Unique(string stem) => $"{stem}.{Guid.NewGuid():N}"[..(stem.Length + 9)];

    private async Task<string> NewPerson(string userName, string role = "agent")
    {
        var created = await Admin.Post("admin/users", Json(new { userName, email = $"{userName}@people.test", role, password = ReturnsApp.UserPassword }));
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        return created.Body!["id"]!.GetValue<string>();
    }

    private Task<Reply> SignIn(string userName, string password, Action<HttpRequestMessage>? headers = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/sign-in")
        {
            Content = new StringContent(Json(new { userName, password }), Encoding.UTF8, "application/json"),
        };
        headers?.Invoke(request);
        return new Api(App.Checked(new HttpClientHandler { UseCookies = false }), App).Send(request);
    }

    /// <summary>Signs in and keeps the session cookie as a browser (or a thief) would have saved it.</summary>
    private async Task<string> SavedCookie(string userName, string password = ReturnsApp.UserPassword)
    {
        var reply = await SignIn(userName, password);
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        var cookies = reply.Response.Headers.GetValues("Set-Cookie")
            .Where(c => c.StartsWith("returns.auth", StringComparison.Ordinal))
            .Select(c => c.Split(';')[0]).ToList();
        Assert.NotEmpty(cookies);
        return string.Join("; ", cookies);
    }

    /// <summary>A client that sends exactly this cookie on every request, whatever the answers say to it.</summary>
    private Api Replaying(string cookie, ReturnsApp? node = null)
    {
        var http = (node ?? App).Checked(new HttpClientHandler { UseCookies = false });
        http.DefaultRequestHeaders.Add("Cookie", cookie);
        return new Api(http, node ?? App);
    }

    private static void Refused(Reply reply, HttpStatusCode status, string code)
    {
        Assert.True(reply.Status == status, $"Expected {(int)status} {code}, got {reply}");
        Assert.Equal(code, reply.Code);
    }

    private static void Answered(Reply reply, HttpStatusCode status = HttpStatusCode.OK) =>
        Assert.True(reply.Status == status, $"Expected {(int)status}, got {reply}");

    private static async Task AssertSignedIn(Api session, string userName)
    {
        var me = await session.Get("auth/me");
        Answered(me);
        Assert.Equal(userName, me.Body!["name"]!.GetValue<string>());
    }

    private static async Task AssertSignedOut(Api session)
    {
        Refused(await session.Get("auth/me"), HttpStatusCode.Unauthorized, "unauthenticated");
        Refused(await session.Get("cases"), HttpStatusCode.Unauthorized, "unauthenticated");
    }

    // ---------------------------------------------------------------- 6. sessions end on the server

    [SkippableFact]
    public async Task A_saved_cookie_replayed_after_sign_out_is_401_and_writes_nothing()
    {
        var user = Unique("replay");
        await NewPerson(user);
        var saved = await SavedCookie(user);
        var otherDevice = await SavedCookie(user);
        var session = Replaying(saved);
        await AssertSignedIn(session, user);

        Answered(await session.Post("auth/sign-out", "{}"), HttpStatusCode.NoContent);

        // The same cookie, sent again as it was saved before the sign-out.
        await AssertSignedOut(session);
        var order = Bodies.NewOrderNumber();
        Refused(await RefusedCreate(Agent, () => session.Create(Bodies.Case(orderNumber: order)), order), HttpStatusCode.Unauthorized, "unauthenticated");
        // Only that session ended: the person's other device goes on.
        await AssertSignedIn(Replaying(otherDevice), user);
    }

    [SkippableFact]
    public async Task A_session_signed_out_on_one_node_is_refused_by_another_at_once()
    {
        var user = Unique("nodes");
        await NewPerson(user);
        var saved = await SavedCookie(user);
        await using var other = App.AnotherNode();
        await ((IAsyncLifetime)other).InitializeAsync();
        var there = Replaying(saved, other);
        await AssertSignedIn(there, user);

        Answered(await Replaying(saved).Post("auth/sign-out", "{}"), HttpStatusCode.NoContent);

        await AssertSignedOut(there);
    }

    [SkippableFact]
    public async Task Signing_out_everywhere_ends_every_session_of_the_person_and_no_one_elses()
    {
        var user = Unique("everywhere");
        await NewPerson(user);
        var phone = Replaying(await SavedCookie(user));
        var desk = Replaying(await SavedCookie(user));
        var colleague = Unique("colleague");
        await NewPerson(colleague);
        var colleagues = Replaying(await SavedCookie(colleague));

        Answered(await phone.Post("auth/sign-out-everywhere", "{}"), HttpStatusCode.NoContent);

        await AssertSignedOut(phone);
        await AssertSignedOut(desk);
        await AssertSignedIn(colleagues, colleague);
        await AssertSignedIn(Replaying(await SavedCookie(user)), user);
    }

    [SkippableFact]
    public async Task An_admin_signs_a_person_out_everywhere()
    {
        var user = Unique("lostphone");
        var id = await NewPerson(user);
        var phone = Replaying(await SavedCookie(user));
        var desk = Replaying(await SavedCookie(user));

        var reply = await Admin.Post($"admin/users/{id}/sign-out-everywhere", "{}");
        Answered(reply);
        Assert.Equal(user, reply.Body!["userName"]!.GetValue<string>());
        Assert.False(reply.Body["disabled"]!.GetValue<bool>());

        await AssertSignedOut(phone);
        await AssertSignedOut(desk);
        await AssertSignedIn(Replaying(await SavedCookie(user)), user);
        Refused(await Admin.Post($"admin/users/{Guid.NewGuid()}/sign-out-everywhere", "{}"), HttpStatusCode.NotFound, "not-found");
    }

    [SkippableFact]
    public async Task Disabling_a_person_ends_their_saved_sessions_for_good()
    {
        var user = Unique("leaver");
        var id = await NewPerson(user);
        var saved = Replaying(await SavedCookie(user));

        Answered(await Admin.Post($"admin/users/{id}/disable", "{}"));
        await AssertSignedOut(saved);

        // Enabled again, the person signs in afresh; the old cookie stays dead.
        Answered(await Admin.Post($"admin/users/{id}/enable", "{}"));
        await AssertSignedOut(saved);
        await AssertSignedIn(Replaying(await SavedCookie(user)), user);
    }

    [SkippableFact]
    public async Task Resetting_a_password_ends_the_persons_sessions_and_retires_the_old_password()
    {
        var user = Unique("reset");
        var id = await NewPerson(user);
        var saved = Replaying(await SavedCookie(user));

        // A weak password is refused and changes nothing.
        Refused(await Admin.Post($"admin/users/{id}/reset-password", Json(new { password = "short1" })), HttpStatusCode.BadRequest, "validation-failed");
        await AssertSignedIn(saved, user);

        var reply = await Admin.Post($"admin/users/{id}/reset-password", Json(new { password = "brand-new-password-2" }));
        Answered(reply);
        Assert.Equal(user, reply.Body!["userName"]!.GetValue<string>());

        await AssertSignedOut(saved);
        Refused(await SignIn(user, ReturnsApp.UserPassword), HttpStatusCode.Unauthorized, "unauthenticated");
        await AssertSignedIn(Replaying(await SavedCookie(user, "brand-new-password-2")), user);
    }

    // ---------------------------------------------------------------- 7. the lockout under concurrency

    private async Task<int> FailureCount(string userName)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReturnsDbContext>();
        return await db.Users.AsNoTracking().Where(u => u.UserName == userName).Select(u => u.AccessFailedCount).SingleAsync();
    }

    private int MaxFailedSignIns => App.Services.GetRequiredService<IOptions<IdentityOptions>>().Value.Lockout.MaxFailedAccessAttempts;

    [SkippableFact]
    public async Task Thirty_wrong_passwords_at_once_are_checked_exactly_max_times_then_the_account_is_locked()
    {
        var user = Unique("raced");
        await NewPerson(user);
        var max = MaxFailedSignIns;

        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(1, 30).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await SignIn(user, $"wrong-password-{i}");
        })).ToList();
        start.Set();
        var replies = await Task.WhenAll(attempts);

        // Every checked password but the one that locked the account is a plain failure; the rest were never checked.
        var failed = replies.Count(r => r.Status == HttpStatusCode.Unauthorized);
        var locked = replies.Count(r => r.Status == HttpStatusCode.Forbidden && r.Code == "locked-out");
        Assert.True(failed == max - 1 && locked == 30 - (max - 1),
            $"{failed} × 401 and {locked} × 403 locked-out: " + string.Join(", ", replies.Select(r => $"{(int)r.Status} {r.Code}")));
        Assert.Equal(max, await FailureCount(user));

        Refused(await SignIn(user, ReturnsApp.UserPassword), HttpStatusCode.Forbidden, "locked-out");
        var listed = (await Admin.Get("admin/users")).Body!.AsArray().Single(u => u!["userName"]!.GetValue<string>() == user)!;
        Assert.NotNull(listed["lockedOutUntil"]);
    }

    [SkippableFact]
    public async Task The_right_password_forgives_earlier_failures()
    {
        var user = Unique("forgiven");
        await NewPerson(user);
        for (var i = 1; i < MaxFailedSignIns; i++)
            Refused(await SignIn(user, $"wrong-password-{i}"), HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Equal(MaxFailedSignIns - 1, await FailureCount(user));

        await SavedCookie(user);

        Assert.Equal(0, await FailureCount(user));
        Refused(await SignIn(user, "wrong-password-again"), HttpStatusCode.Unauthorized, "unauthenticated");
    }

    // ---------------------------------------------------------------- 8. actor names say truly who acted

    [SkippableTheory]
    [InlineData("system")]
    [InlineData("System")]
    [InlineData("SYSTEM")]
    [InlineData("key:erp")]
    [InlineData("KEY:bootstrap")]
    public async Task A_person_cannot_be_named_like_the_system_or_a_key(string userName)
    {
        var reply = await Admin.Post("admin/users", Json(new { userName, email = $"{Guid.NewGuid():N}@people.test", role = "admin", password = ReturnsApp.UserPassword }));

        AssertProblem(reply, HttpStatusCode.UnprocessableEntity, "reserved-name");
        var people = (await Admin.Get("admin/users")).Body!.AsArray();
        Assert.DoesNotContain(people, p => string.Equals(p!["userName"]!.GetValue<string>(), userName, StringComparison.OrdinalIgnoreCase));
    }

    private Task<Reply> NewKey(string name) => Admin.Post("admin/api-keys", Json(new { name, scopes = new[] { "cases:read" } }));

    private async Task<JsonNode[]> KeysNamed(string name) =>
        (await Admin.Get("admin/api-keys")).Body!.AsArray().Where(k => k!["name"]!.GetValue<string>() == name).Select(k => k!).ToArray();

    [SkippableFact]
    public async Task Two_keys_cannot_share_a_name_not_even_with_a_revoked_one()
    {
        var name = Unique("erp");
        var first = await NewKey(name);
        Answered(first, HttpStatusCode.Created);

        AssertProblem(await NewKey(name), HttpStatusCode.Conflict, "api-key-name-taken");
        Answered(await Admin.Send(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/admin/api-keys/{first.Body!["key"]!["id"]}")));
        AssertProblem(await NewKey(name), HttpStatusCode.Conflict, "api-key-name-taken");

        Assert.Single(await KeysNamed(name));
    }

    [SkippableFact]
    public async Task Of_concurrent_creates_of_one_key_name_exactly_one_succeeds()
    {
        var name = Unique("race");
        _ = Admin;
        using var start = new ManualResetEventSlim();
        var creates = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await NewKey(name);
        })).ToList();
        start.Set();
        var replies = await Task.WhenAll(creates);

        Assert.Single(replies, r => r.Status == HttpStatusCode.Created);
        foreach (var refused in replies.Where(r => r.Status != HttpStatusCode.Created))
            AssertProblem(refused, HttpStatusCode.Conflict, "api-key-name-taken");
        Assert.Single(await KeysNamed(name));
    }

    [SkippableFact]
    public async Task The_database_itself_refuses_a_second_key_of_one_name()
    {
        _ = Admin;
        var name = Unique("direct");
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReturnsDbContext>();
        ApiKey Key() => new()
        {
            Id = Guid.NewGuid(), Name = name, Prefix = "rk_" + Guid.NewGuid().ToString("N")[..8], SecretHash = Guid.NewGuid().ToString("N"),
            Scopes = ["cases:read"], CreatedBy = "test", CreatedAt = ReturnsApp.Start,
        };
        db.ApiKeys.Add(Key());
        await db.SaveChangesAsync();
        db.ApiKeys.Add(Key());

        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.True(refused.IsUniqueViolation(), refused.ToString());
    }

    // ---------------------------------------------------------------- 9. CSRF: cookie writes come from our own pages

    private static Action<HttpRequestMessage> From(string header, string value) => r => r.Headers.TryAddWithoutValidation(header, value);

    public static TheoryData<string, string> ForeignPages => new()
    {
        { "Origin", "https://evil.example" },
        { "Origin", "null" },
        { "Sec-Fetch-Site", "cross-site" },
        { "Sec-Fetch-Site", "same-site" },
    };

    private static HttpRequestMessage Json(string path, object body, Action<HttpRequestMessage>? headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/" + path)
        {
            Content = new StringContent(body is string s ? s : JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        headers?.Invoke(request);
        return request;
    }

    private static HttpRequestMessage Photo(Guid id, Action<HttpRequestMessage>? headers)
    {
        var file = new ByteArrayContent(Api.Jpeg) { Headers = { ContentType = new("image/jpeg") } };
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{id}/add-evidence")
        {
            Content = new MultipartFormDataContent { { file, "file", "photo.jpg" } },
        };
        headers?.Invoke(request);
        return request;
    }

    [SkippableTheory]
    [MemberData(nameof(ForeignPages))]
    public async Task A_cookie_write_from_another_sites_page_is_403_and_changes_nothing(string header, string value)
    {
        var foreign = From(header, value);
        var order = Bodies.NewOrderNumber();
        var create = await RefusedCreate(Agent, () => Agent.Send(Json("cases", Bodies.Case(orderNumber: order), foreign)), order);
        AssertProblem(create, HttpStatusCode.Forbidden, "cross-origin-request");

        var id = await NewCase();
        AssertProblem(await RefusedAction(id, () => Agent.Send(Json($"cases/{id}/add-note", new { text = "伪造" }, foreign))),
            HttpStatusCode.Forbidden, "cross-origin-request");
        AssertProblem(await RefusedAction(id, () => Agent.Send(Photo(id, foreign))), HttpStatusCode.Forbidden, "cross-origin-request");

        // Nor may another site sign a browser in, or out.
        var user = Unique("csrf");
        await NewPerson(user);
        AssertProblem(await SignIn(user, ReturnsApp.UserPassword, foreign), HttpStatusCode.Forbidden, "cross-origin-request");
        var session = Replaying(await SavedCookie(user));
        AssertProblem(await session.Send(Json("auth/sign-out", "{}", foreign)), HttpStatusCode.Forbidden, "cross-origin-request");
        await AssertSignedIn(session, user);
    }

    [SkippableFact]
    public async Task A_cookie_write_from_the_services_own_pages_works()
    {
        var origin = App.Address.GetLeftPart(UriPartial.Authority);
        Action<HttpRequestMessage>[] ownPages =
        [
            r => { r.Headers.TryAddWithoutValidation("Origin", origin); r.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "same-origin"); },
            From("Origin", origin),
            From("Sec-Fetch-Site", "same-origin"),
            From("Sec-Fetch-Site", "none"),
            _ => { },
        ];
        foreach (var headers in ownPages)
        {
            var created = await Agent.Send(Json("cases", Bodies.Case(reason: "nonQuality.changedMind"), headers));
            Answered(created, HttpStatusCode.Created);
            Answered(await Agent.Send(Json($"cases/{created.Id}/add-note", new { text = "本站" }, headers)));
            Answered(await Agent.Send(Photo(created.Id, headers)));
        }
    }

    [SkippableFact]
    public async Task A_key_write_is_unaffected_by_a_foreign_origin()
    {
        var key = App.WithKey(ReturnsApp.BootstrapKey);
        Action<HttpRequestMessage> foreign = r =>
        {
            r.Headers.TryAddWithoutValidation("Origin", "https://erp.example");
            r.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "cross-site");
        };
        var created = await key.Send(Json("cases", Bodies.Case(reason: "nonQuality.changedMind"), foreign));
        Answered(created, HttpStatusCode.Created);
        Answered(await key.Send(Json($"cases/{created.Id}/add-note", new { text = "ERP" }, foreign)));
        Answered(await key.Send(Photo(created.Id, foreign)));
    }

    [SkippableFact]
    public async Task A_cookie_read_from_another_sites_page_is_answered()
    {
        // Reads change nothing, and without CORS the other site's script cannot read the answer.
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/cases?limit=1");
        request.Headers.TryAddWithoutValidation("Origin", "https://evil.example");
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "cross-site");
        Answered(await Agent.Send(request));
    }
}

public sealed class SqliteSessionsAndPeopleTests(SqliteApp app) : SessionsAndPeopleTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresSessionsAndPeopleTests(PostgresApp app) : SessionsAndPeopleTests(app), IClassFixture<PostgresApp>;

/// <summary>Item 8 on a live database: keys that already shared a name before the upgrade are told apart by it.</summary>
public sealed class ApiKeyNameMigrationTests
{
    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Keys_that_shared_a_name_before_the_upgrade_keep_the_first_and_rename_the_others(string provider)
    {
        var server = Environment.GetEnvironmentVariable(PostgresApp.Variable);
        Skip.If(provider == "postgres" && string.IsNullOrWhiteSpace(server), $"PostgreSQL tests skipped: set {PostgresApp.Variable}.");
        var database = $"returns_keys_{Guid.NewGuid():N}";
        var file = Path.Combine(Path.GetTempPath(), database + ".db");
        var connection = provider == "sqlite" ? $"Data Source={file}"
            : new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        if (provider == "postgres") await Postgres(server!, $"CREATE DATABASE \"{database}\"");
        try
        {
            var options = (DbContextOptions<ReturnsDbContext>)DatabaseSetup.Configure(new DbContextOptionsBuilder<ReturnsDbContext>(),
                provider == "sqlite" ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres, connection).Options;
            await using var db = new ReturnsDbContext(options);
            var migrator = Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>(db);
            var migrations = db.Database.GetMigrations().ToList();
            var unique = migrations.Single(m => m.EndsWith("_SessionsAndUniqueKeyNames", StringComparison.Ordinal));
            await migrator.MigrateAsync(migrations[migrations.IndexOf(unique) - 1]);

            ApiKey Key(string name, string prefix, int minute) => new()
            {
                Id = Guid.NewGuid(), Name = name, Prefix = prefix, SecretHash = Guid.NewGuid().ToString("N"), Scopes = ["cases:read"],
                CreatedBy = "admin", CreatedAt = ReturnsApp.Start.AddMinutes(minute),
            };
            db.ApiKeys.AddRange(Key("erp", "rk_00000002", 2), Key("erp", "rk_00000001", 1), Key("erp", "rk_00000003", 3), Key("crm", "rk_00000004", 4));
            await db.SaveChangesAsync();

            await migrator.MigrateAsync();

            var names = await db.ApiKeys.AsNoTracking().OrderBy(k => k.Prefix).Select(k => k.Name).ToListAsync();
            Assert.Equal(["erp", "erp-rk_00000002", "erp-rk_00000003", "crm"], names);
        }
        finally
        {
            if (provider == "sqlite")
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var path in new[] { file, file + "-wal", file + "-shm" }) File.Delete(path);
            }
            else
            {
                Npgsql.NpgsqlConnection.ClearAllPools();
                await Postgres(server!, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
            }
        }
    }

    private static async Task Postgres(string server, string sql)
    {
        await using var admin = new Npgsql.NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }
}
