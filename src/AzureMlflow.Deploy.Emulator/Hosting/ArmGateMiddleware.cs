using AzureMlflow.Deploy.Emulator.Arm;
using AzureMlflow.Deploy.Emulator.State;

namespace AzureMlflow.Deploy.Emulator.Hosting;

/// <summary>
/// What Azure Resource Manager checks before a request reaches the provider: a bearer token (401 otherwise) and an
/// <c>api-version</c> (400 otherwise). Also turns <see cref="ServiceException"/> into the ARM error envelope.
/// </summary>
internal sealed class ArmGateMiddleware(RequestDelegate next, EmulatorOptions options)
{
    /// <summary>The stable api-versions whose shapes the emulator serves (identical for everything it implements).</summary>
    private static readonly string[] SupportedApiVersions = ["2024-04-01", "2025-09-01"];

    public async Task InvokeAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        if (request.Path.StartsWithSegments("/subscriptions", StringComparison.OrdinalIgnoreCase))
        {
            string authorization = request.Headers.Authorization.ToString();
            string? token = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
            if (string.IsNullOrEmpty(token))
            {
                await Unauthorized(context, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.");
                return;
            }
            if (options.AcceptToken is { } accept && !accept(token))
            {
                await Unauthorized(context, "InvalidAuthenticationToken", "The access token is invalid.");
                return;
            }
            string apiVersion = request.Query["api-version"].ToString();
            if (string.IsNullOrEmpty(apiVersion))
            {
                await ArmResult.Error(400, new ServiceError("MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.")).ExecuteAsync(context);
                return;
            }
            if (!SupportedApiVersions.Contains(apiVersion))
            {
                await ArmResult.Error(400, new ServiceError("InvalidApiVersionParameter",
                    $"The api-version '{apiVersion}' is invalid. The supported versions are '{string.Join(",", SupportedApiVersions)}'.")).ExecuteAsync(context);
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

    private static Task Unauthorized(HttpContext context, string code, string message)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer authorization_uri=\"https://login.microsoftonline.com/common\", error=\"invalid_token\"";
        return ArmResult.Error(401, new ServiceError(code, message)).ExecuteAsync(context);
    }
}
