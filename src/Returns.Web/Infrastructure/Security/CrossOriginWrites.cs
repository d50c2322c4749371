namespace Returns.Web.Infrastructure.Security;

/// <summary>
/// CSRF defence for the API beyond the cookie's SameSite (issue 19, item 9): a browser attaches the session cookie on its
/// own, so an unsafe API request that could ride on it (any request without <c>X-Api-Key</c>) must come from this
/// service's own pages. The browser says where it comes from: <c>Sec-Fetch-Site</c> must be <c>same-origin</c> (or
/// <c>none</c>: typed by the person), else, from a browser that does not send it, <c>Origin</c> must name this host.
/// A request with neither header is not from a browser's page (curl, scripts, integrations) and passes. Keys are
/// unaffected: another site cannot make a browser send one.
/// </summary>
public static class CrossOriginWrites
{
    public static IApplicationBuilder UseCrossOriginWriteGuard(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var request = http.Request;
        if (request.Path.StartsWithSegments("/api") && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
            && !HttpMethods.IsOptions(request.Method) && !HttpMethods.IsTrace(request.Method)
            && !request.Headers.ContainsKey(ApiKeyAuthentication.Header) && IsCrossOrigin(request))
            throw new ProblemException(403, "cross-origin-request", "Cross-origin request refused",
                "A signed-in write must come from this service's own pages; integrations send X-Api-Key.");
        await next(http);
    });

    public static bool IsCrossOrigin(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0) return site is not ("same-origin" or "none");
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return false;
        return !Uri.TryCreate(origin, UriKind.Absolute, out var uri) || !SameHost(uri, request.Host);
    }

    /// <summary>The scheme is not compared: behind a TLS-terminating proxy the page is https and the request here http.</summary>
    private static bool SameHost(Uri origin, HostString host) =>
        host.HasValue && string.Equals(origin.Host, host.Host, StringComparison.OrdinalIgnoreCase)
        && (host.Port is { } port ? origin.Port == port : origin.IsDefaultPort);
}
