using AzureMlflow.Deploy.Yaml;
using YamlDotNet.RepresentationModel;

namespace AzureMlflow.Deploy.Mlflow;

/// <summary>
/// What an MLflow model says it needs, from the files MLflow writes beside <c>MLmodel</c>: <c>conda.yaml</c> (which the
/// service installs), <c>python_env.yaml</c> and <c>requirements.txt</c> (the virtualenv description of the same thing).
/// </summary>
internal sealed class ModelEnvironmentFiles
{
    public const string Conda = "conda.yaml";
    public const string PythonEnv = "python_env.yaml";
    public const string Requirements = "requirements.txt";

    private ModelEnvironmentFiles(IReadOnlyList<PackagePin> pins, bool hasConda) => (Pins, HasConda) = (pins, hasConda);

    /// <summary>Every package line of every file (Python itself as <c>python</c>).</summary>
    public IReadOnlyList<PackagePin> Pins { get; }

    /// <summary>Whether the model has a conda.yaml, the file the service builds the environment from.</summary>
    public bool HasConda { get; }

    /// <summary>The lines of the file the service installs (conda.yaml), or of the others when there is none.</summary>
    public IEnumerable<PackagePin> Installed => HasConda ? Pins.Where(p => p.File == Conda) : Pins;

    public static ModelEnvironmentFiles Read(string modelDirectory)
    {
        var pins = new List<PackagePin>();
        string conda = Path.Combine(modelDirectory, Conda);
        bool hasConda = File.Exists(conda);
        if (hasConda)
        {
            YamlMappingNode root = CondaFiles.Load(File.ReadAllText(conda), conda);
            foreach (YamlNode dependency in Sequence(root, "dependencies"))
            {
                if (dependency is YamlScalarNode { Value: { } line })
                {
                    Add(pins, line, Conda);
                }
                else if (dependency is YamlMappingNode nested)
                {
                    foreach (YamlNode pip in Sequence(nested, "pip"))
                    {
                        Add(pins, (pip as YamlScalarNode)?.Value, Conda);
                    }
                }
            }
        }
        string pythonEnv = Path.Combine(modelDirectory, PythonEnv);
        if (File.Exists(pythonEnv) && YamlText.LoadRoot(File.ReadAllText(pythonEnv), pythonEnv, (m, e) => new ArgumentException(m, e)) is YamlMappingNode env)
        {
            if (env.Children.TryGetValue("python", out YamlNode? python) && python is YamlScalarNode { Value: { } version })
            {
                Add(pins, "python==" + version, PythonEnv);
            }
            foreach (YamlNode line in Sequence(env, "build_dependencies").Concat(Sequence(env, "dependencies")))
            {
                Add(pins, (line as YamlScalarNode)?.Value, PythonEnv);
            }
        }
        string requirements = Path.Combine(modelDirectory, Requirements);
        if (File.Exists(requirements))
        {
            foreach (string line in File.ReadAllLines(requirements))
            {
                Add(pins, line, Requirements);
            }
        }
        return new ModelEnvironmentFiles(pins, hasConda);
    }

    private static IEnumerable<YamlNode> Sequence(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(key, out YamlNode? node) && node is YamlSequenceNode sequence ? sequence.Children : [];

    private static void Add(List<PackagePin> pins, string? line, string file)
    {
        if (line is not null && PackagePin.Parse(line, file) is { } pin)
        {
            pins.Add(pin);
        }
    }
}
