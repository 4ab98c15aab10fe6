namespace OrleansCluster.Core.Selectors;

/// <summary>
/// Recursive descent over <see cref="SelectorLexer"/> tokens that accepts what Kubernetes' label parser
/// accepts and reports its errors in its words, e.g. <c>found 'b', expected: in, notin, =, ==, !=, gt, lt</c>.
/// </summary>
internal sealed class LabelSelectorParser(string text)
{
    private readonly List<Token> _tokens = SelectorLexer.Tokenize(text);
    private int _position;

    public List<LabelRequirement> Parse()
    {
        var requirements = new List<LabelRequirement>();
        var next = PeekValue();
        if (next.Kind == TokenKind.End)
        {
            return requirements;
        }

        while (true)
        {
            if (next.Kind is not (TokenKind.Identifier or TokenKind.Bang))
            {
                throw Fail($"found '{next.Text}', expected: !, identifier, or 'end of string'");
            }

            requirements.Add(ParseRequirementWithContext());
            var separator = NextValue();
            if (separator.Kind == TokenKind.End)
            {
                return requirements;
            }

            if (separator.Kind != TokenKind.Comma)
            {
                throw Fail($"found '{separator.Text}', expected: ',' or 'end of string'");
            }

            next = PeekValue();
            if (next.Kind is not (TokenKind.Identifier or TokenKind.Bang))
            {
                throw Fail($"found '{next.Text}', expected: identifier after ','");
            }
        }
    }

    private LabelRequirement ParseRequirementWithContext()
    {
        try
        {
            return ParseRequirement();
        }
        catch (SelectorParseException e)
        {
            throw Fail("unable to parse requirement: " + e.Reason);
        }
    }

    private LabelRequirement ParseRequirement()
    {
        var token = NextValue();
        var negated = token.Kind == TokenKind.Bang;
        if (negated)
        {
            token = NextValue();
        }

        if (token.Kind != TokenKind.Identifier)
        {
            throw Fail($"found '{token.Text}', expected: identifier");
        }

        var key = token.Text;
        LabelRequirement.ValidateKey(key);

        // "!k" is complete on its own; anything after it is the caller's "expected ',' or 'end of string'".
        if (negated)
        {
            return LabelRequirement.Create(key, SelectorOperator.DoesNotExist);
        }

        if (PeekValue().Kind is TokenKind.End or TokenKind.Comma)
        {
            return LabelRequirement.Create(key, SelectorOperator.Exists);
        }

        var op = Next();
        return op.Kind switch
        {
            TokenKind.In => LabelRequirement.Create(key, SelectorOperator.In, AsSet(ParseValueSet())),
            TokenKind.NotIn => LabelRequirement.Create(key, SelectorOperator.NotIn, AsSet(ParseValueSet())),
            TokenKind.Equals or TokenKind.DoubleEquals => LabelRequirement.Create(key, SelectorOperator.Equals, [ParseExactValue()]),
            TokenKind.NotEquals => LabelRequirement.Create(key, SelectorOperator.NotEquals, [ParseExactValue()]),
            TokenKind.GreaterThan => LabelRequirement.Create(key, SelectorOperator.GreaterThan, [ParseExactValue()]),
            TokenKind.LessThan => LabelRequirement.Create(key, SelectorOperator.LessThan, [ParseExactValue()]),
            _ => throw Fail($"found '{op.Text}', expected: in, notin, =, ==, !=, gt, lt"),
        };
    }

    // Kubernetes validates the set, so an error names a value by its index in sorted order.
    private static IEnumerable<string> AsSet(List<string> values) => values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    // "k=" and "k=,..." select the empty value.
    private string ParseExactValue()
    {
        if (PeekValue().Kind is TokenKind.End or TokenKind.Comma)
        {
            return "";
        }

        var token = NextValue();
        return token.Kind == TokenKind.Identifier ? token.Text : throw Fail($"found '{token.Text}', expected: identifier");
    }

    // Kubernetes reads an empty slot between parentheses or commas as the empty value: "()" is {""}, "(a,)" is {a, ""}.
    private List<string> ParseValueSet()
    {
        var open = NextValue();
        if (open.Kind != TokenKind.OpenParen)
        {
            throw Fail($"found '{open.Text}' expected: '('");
        }

        var first = PeekValue();
        switch (first.Kind)
        {
            case TokenKind.CloseParen:
                NextValue();
                return [""];
            case TokenKind.Identifier or TokenKind.Comma:
                return ParseValueList();
            default:
                throw Fail($"found '{first.Text}', expected: ',', ')' or identifier");
        }
    }

    private List<string> ParseValueList()
    {
        var values = new List<string>();
        var slotFilled = false;
        while (true)
        {
            var token = NextValue();
            if (token.Kind == TokenKind.Identifier && !slotFilled)
            {
                values.Add(token.Text);
                slotFilled = true;
                var after = PeekValue();
                if (after.Kind == TokenKind.CloseParen)
                {
                    NextValue();
                    return values;
                }

                if (after.Kind != TokenKind.Comma)
                {
                    throw Fail($"found '{after.Text}', expected: ',' or ')'");
                }
            }
            else if (token.Kind == TokenKind.Comma)
            {
                if (!slotFilled)
                {
                    values.Add("");
                }

                slotFilled = false;
                if (PeekValue().Kind == TokenKind.CloseParen)
                {
                    NextValue();
                    values.Add("");
                    return values;
                }
            }
            else
            {
                throw Fail($"found '{token.Text}', expected: ',', or identifier");
            }
        }
    }

    private Token Next() => _tokens[Math.Min(_position++, _tokens.Count - 1)];

    // Where a value is due, the keywords "in" and "notin" are ordinary identifiers (k=in is valid).
    private Token NextValue() => AsValue(Next());

    private Token PeekValue() => AsValue(_tokens[Math.Min(_position, _tokens.Count - 1)]);

    private static Token AsValue(Token token) =>
        token.Kind is TokenKind.In or TokenKind.NotIn ? token with { Kind = TokenKind.Identifier } : token;

    private SelectorParseException Fail(string reason) => new(text, reason);
}
