using System.Security.Cryptography;

namespace AzureMlflow.Deploy.Emulator.State;

/// <summary>Random key and token material, shaped like the service's.</summary>
internal static class Secrets
{
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string NewToken() => "emu." + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
}
