namespace AzureMlflow.Deploy.Emulator.State;

/// <summary>Thrown by handlers to answer with an ARM error envelope and a status code.</summary>
internal sealed class ServiceException(int statusCode, ServiceError error) : Exception(error.Message)
{
    public int StatusCode { get; } = statusCode;
    public ServiceError Error { get; } = error;

    public static ServiceException BadRequest(string message, string? target = null) => new(400, new ServiceError("UserError", message, target));

    /// <summary>A 404 whose specific code is in <c>details</c>, as the service reports missing models (<c>ModelNotFound</c>).</summary>
    public static ServiceException NotFound(string code, string detailMessage, string message = "The specified resource was not found.") =>
        new(404, new ServiceError("UserError", message, Details: [new ServiceError(code, detailMessage)]));

    /// <summary>A 404 whose specific code is in an <c>InnerError</c> (<c>NotFound</c>, then <paramref name="code"/>), as the service reports missing endpoints.</summary>
    public static ServiceException NotFoundInner(string code, string message) =>
        new(404, new ServiceError("UserError", message, InnerCodes: ["NotFound", code]));

    public static ServiceException Conflict(string message) => new(409, new ServiceError("Conflict", message));
}
