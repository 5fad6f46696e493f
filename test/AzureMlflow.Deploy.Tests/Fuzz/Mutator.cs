namespace AzureMlflow.Deploy.Tests.Fuzz;

/// <summary>
/// Seeded, deterministic mutations of valid documents (YAML, JSON, CSV): drop, duplicate, swap or truncate lines, and
/// replace characters with ones that matter to the grammar. The same seed gives the same inputs on every run.
/// </summary>
internal static class Mutator
{
    private static readonly char[] Alphabet = ['{', '}', '[', ']', ':', '\'', '"', ' ', '-', '\t', ',', '0', 'a', '&', '*', '!', '|', '>', '\\', '\n', '#', '.', 'e', '\0', '\u00e9', '\ud83d'];

    public static string Mutate(string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        for (int m = random.Next(1, 5); m > 0 && lines.Count > 0; m--)
        {
            int at = random.Next(lines.Count);
            switch (random.Next(6))
            {
                case 0: lines.RemoveAt(at); break;
                case 1: lines.Insert(at, lines[random.Next(lines.Count)]); break;
                case 2: (lines[at], lines[0]) = (lines[0], lines[at]); break;
                case 3 when lines[at].Length > 0:
                    char[] chars = lines[at].ToCharArray();
                    for (int k = random.Next(1, 4); k > 0; k--)
                    {
                        chars[random.Next(chars.Length)] = Alphabet[random.Next(Alphabet.Length)];
                    }
                    lines[at] = new string(chars);
                    break;
                case 4: lines[at] = lines[at][..random.Next(lines[at].Length + 1)]; break;
                default: lines[at] = lines[at].Insert(random.Next(lines[at].Length + 1), new string(Alphabet[random.Next(Alphabet.Length)], random.Next(1, 3))); break;
            }
        }
        return string.Join('\n', lines);
    }

    /// <summary>Documents nested far deeper than any reader should follow: a parser that recurses must refuse them, not overflow.</summary>
    public static IEnumerable<string> DeeplyNested()
    {
        yield return new string('[', 100_000);
        yield return string.Concat(Enumerable.Repeat("- ", 50_000)) + "x";
        yield return string.Concat(Enumerable.Repeat("{a: ", 20_000)) + "1" + new string('}', 20_000);
        yield return string.Concat(Enumerable.Repeat("{\"a\":", 20_000)) + "1" + new string('}', 20_000);
    }
}
