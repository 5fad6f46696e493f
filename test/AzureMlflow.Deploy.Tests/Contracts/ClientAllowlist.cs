namespace AzureMlflow.Deploy.Tests.Contracts;

/// <summary>Deliberate differences between the SDK's requests and the Python SDK's recorded ones, each with its reason.</summary>
internal static class ClientAllowlist
{
    public static readonly Allowlist Differences = new(
    [
        (@"^batch-endpoint-lifecycle-and-job-status: PUT workspace/batchEndpoints/\{endpoint\} \(2023-10-01\): body\.properties\.authMode is ""AADToken"", the service received ""aadToken""$",
            "The REST spec's spelling of the enum; the service reads it without regard to case and answers AADToken either way."),
        (@"^datastore-create-get-listsecrets-list: GET workspace/datastores \(2024-07-01-preview\): query '', the service received 'count=30&orderByAsc=false'$",
            "The Python SDK asks for 30 datastores a page, newest first; this SDK takes the service's default page and follows nextLink."),
        (@"^model-create-mlflow-with-upload: GET workspace/models/\{model\}/versions \(2023-08-01-preview\): the service received it; the SDK did not send it$",
            "The Python SDK looks up the latest version even when the version is given (here 3); this SDK asks only when it must number the version."),
        (@"^model-create-mlflow-with-upload: HEAD /[^ ]+/az-ml-artifacts/[^ ]+: the service received it; the SDK did not send it$",
            "The Python SDK also looks for the folder under its legacy az-ml-artifacts/{sha256} prefix; this SDK uploads only under LocalUpload/{hash}, as the Python SDK has for years."),
    ]);
}
