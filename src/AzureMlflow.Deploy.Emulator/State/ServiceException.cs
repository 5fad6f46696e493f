namespace AzureMlflow.Deploy.Emulator.State;

/// <summary>Thrown by handlers to answer with an ARM error envelope and a status code.</summary>
internal sealed class ServiceException(int statusCode, ServiceError error) : Exception(error.Message)
{
    public int StatusCode { get; } = statusCode;
    public ServiceError Error { get; } = error;

    public static ServiceException BadRequest(string message, string? target = null) => new(400, new ServiceError("UserError", message, target));

    public static ServiceException NotFound(string code, string message) => new(404, new ServiceError(code, message));

    public static ServiceException Conflict(string message) => new(409, new ServiceError("Conflict", message));
}
