using Returns.Web.Tests.Support;

namespace Returns.Web.Tests;

// The integration suites once more against SQL Server, when one is reachable (RETURNS_TEST_SQLSERVER).
public sealed class SqlServerCaseWorkflowApiTests(SqlServerApp app) : CaseWorkflowApiTests(app), IClassFixture<SqlServerApp>;

public sealed class SqlServerDiscountAndReviewApiTests(SqlServerApp app) : DiscountAndReviewApiTests(app), IClassFixture<SqlServerApp>;

public sealed class SqlServerTextRoundTripTests(SqlServerApp app) : TextRoundTripTests(app), IClassFixture<SqlServerApp>;

public sealed class SqlServerListFilterTests(SqlServerApp app) : ListFilterTests(app), IClassFixture<SqlServerApp>;

public sealed class SqlServerDeadlineJobTests(SqlServerApp app) : DeadlineJobTests(app), IClassFixture<SqlServerApp>;

public sealed class SqlServerIntegrationSurfaceTests(SqlServerApp app) : IntegrationSurfaceTests(app), IClassFixture<SqlServerApp>;

public sealed class SqlServerAccessTests(SqlServerApp app) : AccessTests(app), IClassFixture<SqlServerApp>;
public sealed class SqlServerWriteResponseTests(SqlServerApp app) : Returns.Web.Tests.Contract.WriteResponseTests(app), IClassFixture<SqlServerApp>;
public sealed class SqlServerShopRulesApiTests(SqlServerApp app) : ShopRulesApiTests(app), IClassFixture<SqlServerApp>;
public sealed class SqlServerPlatformDeadlineApiTests(SqlServerApp app) : PlatformDeadlineApiTests(app), IClassFixture<SqlServerApp>;
public sealed class SqlServerSessionsAndPeopleTests(SqlServerApp app) : Returns.Web.Tests.Hardening.SessionsAndPeopleTests(app), IClassFixture<SqlServerApp>;

public sealed class SqlServerPrivacyTests(SqlServerApp app) : Returns.Web.Tests.Hardening.PrivacyTests(app), IClassFixture<SqlServerApp>;

public sealed class SqlServerBuyerDataRetentionTests(SqlServerApp app) : Returns.Web.Tests.Hardening.BuyerDataRetentionTests(app), IClassFixture<SqlServerApp>;

public sealed class SqlServerEventFeedTests(SqlServerApp app) : Returns.Web.Tests.Hardening.EventFeedTests(app), IClassFixture<SqlServerApp>;

public sealed class SqlServerRequestEdgeTests(SqlServerApp app) : Returns.Web.Tests.Hardening.RequestEdgeTests(app), IClassFixture<SqlServerApp>;

public sealed class SqlServerWebhookScopeTests(SqlServerApp app) : Returns.Web.Tests.Hardening.WebhookScopeTests(app), IClassFixture<SqlServerApp>;

public sealed class SqlServerAssigneeTests(SqlServerApp app) : Returns.Web.Tests.Hardening.AssigneeTests(app), IClassFixture<SqlServerApp>;

public sealed class SqlServerTrackingNumberTests(SqlServerApp app) : Returns.Web.Tests.Hardening.TrackingNumberTests(app), IClassFixture<SqlServerApp>;

public sealed class SqlServerOrderTotalTests(SqlServerApp app) : Returns.Web.Tests.Hardening.OrderTotalTests(app), IClassFixture<SqlServerApp>;

public sealed class SqlServerReviewsKeyTests(SqlServerApp app) : Returns.Web.Tests.Hardening.ReviewsKeyTests(app), IClassFixture<SqlServerApp>;
