using System.Text.Json;

namespace AzureMlflow.Deploy.Configuration;

/// <summary>
/// Finds and reads the workspace <c>config.json</c> that Azure ML studio offers for download and the Python SDK reads:
/// <c>{"subscription_id", "resource_group", "workspace_name"}</c>, looked up in the given folder (or file), then in
/// <c>.azureml/</c> and <c>aml_config/</c>, walking up the parent folders.
/// </summary>
internal static class WorkspaceConfigFile
{
    private static readonly string[] Candidates = ["config.json", Path.Combine(".azureml", "config.json"), Path.Combine("aml_config", "config.json")];

    public static (string Subscription, string ResourceGroup, string Workspace, string Source) Find(string? path)
    {
        var searched = new List<string>();
        if (path is not null && File.Exists(path))
        {
            return Read(Path.GetFullPath(path));
        }
        if (path is not null && !Directory.Exists(path))
        {
            // A named file that is missing must not fall back to another workspace's config.json found beside it.
            throw new FileNotFoundException($"The workspace config file '{Path.GetFullPath(path)}' does not exist.", Path.GetFullPath(path));
        }
        for (DirectoryInfo? dir = new(Path.GetFullPath(path ?? Environment.CurrentDirectory)); dir is not null; dir = dir.Parent)
        {
            foreach (string candidate in Candidates)
            {
                string file = Path.Combine(dir.FullName, candidate);
                if (File.Exists(file))
                {
                    return Read(file);
                }
                searched.Add(file);
            }
        }
        throw new FileNotFoundException(
            "No Azure ML workspace config.json was found (download it from the workspace's page in Azure ML studio). Looked for: " +
            string.Join(", ", searched.Take(6)) + (searched.Count > 6 ? $" and {searched.Count - 6} more up the folder tree." : "."));
    }

    private static (string, string, string, string) Read(string file)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException(
                    $"'{file}' must hold a JSON object with subscription_id, resource_group and workspace_name, not {Article(root.ValueKind)}.");
            }
            string Value(params string[] names)
            {
                foreach (string name in names)
                {
                    if (!root.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
                    {
                        continue;
                    }
                    if (value.ValueKind != JsonValueKind.String)
                    {
                        throw new InvalidDataException($"'{name}' in '{file}' must be a string, not {Article(value.ValueKind)}.");
                    }
                    if (!string.IsNullOrWhiteSpace(value.GetString()))
                    {
                        return value.GetString()!;
                    }
                }
                throw new InvalidDataException($"'{file}' has no '{names[0]}'.");
            }
            return (Value("subscription_id", "subscriptionId"), Value("resource_group", "resourceGroup"), Value("workspace_name", "workspaceName"), file);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"'{file}' is not valid JSON: {ex.Message}", ex);
        }
    }

    private static string Article(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
