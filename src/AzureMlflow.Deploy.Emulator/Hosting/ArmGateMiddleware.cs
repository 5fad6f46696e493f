using System.Text.RegularExpressions;
using AzureMlflow.Deploy.Emulator.Arm;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Hosting;

/// <summary>
/// What Azure Resource Manager checks before a request reaches the provider: a bearer token (401 otherwise) and an
/// <c>api-version</c> (400 otherwise). Also turns <see cref="ServiceException"/> into the ARM error envelope.
/// </summary>
internal sealed partial class ArmGateMiddleware(RequestDelegate next, EmulatorOptions options)
{
    /// <summary>
    /// The service serves every api-version of its REST spec, and the Python SDK and CLI send older preview ones per
    /// resource type (2022-02-01-preview for endpoints, 2023-08-01-preview for models...). The emulator accepts the
    /// versions since online endpoints exist (2021-03-01-preview), stable and preview, and answers all of them with the
    /// shapes of the current stable versions.
    /// </summary>
    private const string OldestApiVersion = "2021-03-01";

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})(-preview)?$")]
    private static partial Regex ApiVersionFormat();

    private static bool Supported(string apiVersion) =>
        ApiVersionFormat().Match(apiVersion) is { Success: true } match && string.CompareOrdinal(match.Groups["date"].Value, OldestApiVersion) >= 0;

    public async Task InvokeAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        bool arm = request.Path.StartsWithSegments("/subscriptions", StringComparison.OrdinalIgnoreCase);
        // The data-plane services and what the studio serves that has no ARM route (request log, datastore files) have
        // the same token rule.
        if ((arm || Studio.StudioRoutes.NeedsToken(request.Path) || DataPlane.DataPlaneRoutes.NeedsToken(request.Path)) && !await AuthenticatedAsync(context))
        {
            return;
        }
        if (arm)
        {
            string apiVersion = request.Query["api-version"].ToString();
            if (string.IsNullOrEmpty(apiVersion))
            {
                await ArmResult.Error(400, new ServiceError("MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.")).ExecuteAsync(context);
                return;
            }
            if (!Supported(apiVersion))
            {
                await ArmResult.Error(400, new ServiceError("InvalidApiVersionParameter",
                    $"The api-version '{apiVersion}' is invalid. The supported versions are {OldestApiVersion}-preview and later, such as '2024-04-01' and '2025-09-01'.")).ExecuteAsync(context);
                return;
            }
        }

        try
        {
            await next(context);
        }
        catch (ServiceException ex) when (!context.Response.HasStarted)
        {
            await ArmResult.Error(ex.StatusCode, ex.Error).ExecuteAsync(context);
        }
    }

    /// <summary>Whether the request carries an accepted bearer token; answers 401 as ARM does when it does not.</summary>
    private async Task<bool> AuthenticatedAsync(HttpContext context)
    {
        string authorization = context.Request.Headers.Authorization.ToString();
        string? token = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
        if (string.IsNullOrEmpty(token))
        {
            await Unauthorized(context, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.");
            return false;
        }
        if (options.AcceptToken is { } accept && !accept(token))
        {
            await Unauthorized(context, "InvalidAuthenticationToken", "The access token is invalid.");
            return false;
        }
        return true;
    }

    private static Task Unauthorized(HttpContext context, string code, string message)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer authorization_uri=\"https://login.microsoftonline.com/common\", error=\"invalid_token\"";
        return ArmResult.Error(401, new ServiceError(code, message)).ExecuteAsync(context);
    }
}
