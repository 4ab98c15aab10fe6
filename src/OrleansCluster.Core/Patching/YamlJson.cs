using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace OrleansCluster.Core.Patching;

/// <summary>
/// One YAML document as JSON. Plain scalars follow the YAML 1.2 core schema (<c>null</c>/<c>~</c>/empty, <c>true</c>/<c>false</c>,
/// integers, floats); quoted or <c>!!str</c>-tagged scalars stay strings, and YAML 1.1 booleans such as <c>yes</c> are strings.
/// Built from the parser's events with an explicit stack, so hostile input cannot overflow the call stack: nesting is
/// capped like the JSON reader's, and aliases may not expand the document beyond its own size in nodes.
/// </summary>
public static partial class YamlJson
{
    private const int MaxDepth = 256;
    private const int MinNodeBudget = 10_000;
    private const string StringTag = "tag:yaml.org,2002:str";

    public static JsonNode? Parse(string yaml, string what)
    {
        try
        {
            return Read(new Parser(new StringReader(yaml)), Math.Max(MinNodeBudget, yaml.Length), what);
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException or ArgumentException)
        {
            // YamlDotNet reports some malformed input as InvalidOperationException.
            throw new FormatException($"{what} is not valid YAML: {e.Message}", e);
        }
    }

    private static JsonNode? Read(Parser parser, int budget, string what)
    {
        parser.Consume<StreamStart>();
        if (parser.TryConsume<StreamEnd>(out _))
        {
            throw new FormatException($"{what} is empty");
        }

        parser.Consume<DocumentStart>();
        var builder = new Builder(budget);
        while (!builder.Done)
        {
            builder.Accept(parser.Consume<ParsingEvent>());
        }

        parser.Consume<DocumentEnd>();
        return parser.TryConsume<StreamEnd>(out _)
            ? builder.Result
            : throw new FormatException($"{what} has more than one YAML document; only one is allowed");
    }

    private sealed class Builder(int budget)
    {
        private readonly Stack<Frame> open = new();
        private readonly Dictionary<string, (JsonNode? Node, int Size)> anchors = [];
        private int created;

        public bool Done { get; private set; }

        public JsonNode? Result { get; private set; }

        public void Accept(ParsingEvent e)
        {
            switch (e)
            {
                case MappingStart or SequenceStart when open.TryPeek(out var top) && top.ExpectsKey:
                    throw new FormatException("YAML mapping keys must be strings");
                case MappingStart or SequenceStart when open.Count >= MaxDepth:
                    throw new FormatException($"the YAML document is nested more than {MaxDepth} levels deep");
                case MappingStart start:
                    Count(1);
                    open.Push(new Frame(new JsonObject(), AnchorOf(start), created));
                    break;
                case SequenceStart start:
                    Count(1);
                    open.Push(new Frame(new JsonArray(), AnchorOf(start), created));
                    break;
                case MappingEnd or SequenceEnd:
                    var done = open.Pop();
                    Complete(done.Node, done.Anchor, created - done.CreatedBefore + 1);
                    break;
                case Scalar scalar when open.TryPeek(out var map) && map.ExpectsKey:
                    map.Key = scalar.Value;
                    break;
                case Scalar scalar:
                    Count(1);
                    Complete(Value(scalar), AnchorOf(scalar), 1);
                    break;
                case AnchorAlias alias:
                    if (open.TryPeek(out var owner) && owner.ExpectsKey)
                    {
                        throw new FormatException("YAML mapping keys must be strings");
                    }

                    var (node, size) = anchors.TryGetValue(alias.Value.Value, out var found)
                        ? found
                        : throw new FormatException($"the YAML alias *{alias.Value.Value} has no anchor");
                    Count(size);
                    Complete(node?.DeepClone(), null, size);
                    break;
                default:
                    throw new FormatException($"unexpected YAML {e.GetType().Name}");
            }
        }

        private void Complete(JsonNode? node, string? anchor, int size)
        {
            if (anchor is not null)
            {
                anchors[anchor] = (node, size);
                node = node?.DeepClone();
            }

            if (!open.TryPeek(out var parent))
            {
                Result = node;
                Done = true;
            }
            else if (parent.Node is JsonArray list)
            {
                list.Add(node);
            }
            else
            {
                var key = parent.Key!;
                parent.Key = null;
                if (!((JsonObject)parent.Node).TryAdd(key, node))
                {
                    throw new FormatException($"the YAML mapping has the key \"{key}\" twice");
                }
            }
        }

        private void Count(int nodes)
        {
            created += nodes;
            if (created > budget)
            {
                throw new FormatException("the YAML document expands (through aliases) to more nodes than its size allows");
            }
        }

        private static string? AnchorOf(NodeEvent e) => e.Anchor.IsEmpty ? null : e.Anchor.Value;
    }

    private sealed class Frame(JsonNode node, string? anchor, int createdBefore)
    {
        public JsonNode Node { get; } = node;

        public string? Anchor { get; } = anchor;

        public int CreatedBefore { get; } = createdBefore;

        public string? Key { get; set; }

        public bool ExpectsKey => Node is JsonObject && Key is null;
    }

    private static JsonNode? Value(Scalar scalar)
    {
        var text = scalar.Value;
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any) || (!scalar.Tag.IsEmpty && scalar.Tag.Value == StringTag))
        {
            return JsonValue.Create(text);
        }

        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return JsonValue.Create(text[0] is 't' or 'T');
        }

        if (Integer().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (Float().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
        {
            return JsonValue.Create(real);
        }

        return JsonValue.Create(text);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}
