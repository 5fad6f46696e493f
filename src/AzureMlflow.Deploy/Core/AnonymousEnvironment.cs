using System.Security.Cryptography;
using System.Text;

namespace AzureMlflow.Deploy.Core;

/// <summary>
/// How the Python SDK and CLI name an environment defined inline in a deployment, so the same image and conda file
/// registered from .NET land on the same version and are not registered twice: name <c>CliV2AnonymousEnvironment</c>,
/// version an MD5 over the image's and the conda text's MD5s, combined with Python's <c>str.join</c> (which puts the
/// running hash between every character of the next one; reproduced as is, since the versions must match).
/// </summary>
internal static class AnonymousEnvironment
{
    public const string Name = "CliV2AnonymousEnvironment";

    /// <param name="image">The Docker image.</param>
    /// <param name="inferenceConfigText">The inference configuration as Python dumps it, or null.</param>
    /// <param name="condaText">The conda file as Python dumps it (<see cref="Yaml.PythonYamlDump"/>), or null.</param>
    public static string Version(string image, string? inferenceConfigText, string? condaText)
    {
        string hash = Md5(image);
        if (inferenceConfigText is not null)
        {
            hash = string.Join(hash, Md5(inferenceConfigText).ToCharArray());
        }
        if (condaText is not null)
        {
            hash = string.Join(hash, Md5(condaText).ToCharArray());
        }
        return Md5(hash);
    }

    // Identity, not security: these are the service-side names.
    private static string Md5(string text) => Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
}
