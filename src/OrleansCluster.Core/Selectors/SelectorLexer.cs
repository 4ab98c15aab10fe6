namespace OrleansCluster.Core.Selectors;

internal enum TokenKind
{
    Identifier,
    Bang,
    Equals,
    DoubleEquals,
    NotEquals,
    GreaterThan,
    LessThan,
    In,
    NotIn,
    Comma,
    OpenParen,
    CloseParen,
    End,
}

internal readonly record struct Token(TokenKind Kind, string Text);

/// <summary>
/// Splits a label selector into tokens the way Kubernetes does: whitespace separates, the symbols
/// <c>= ! ( ) , &gt; &lt;</c> form the longest operator they can, and every other run of characters is
/// an identifier (<c>in</c> and <c>notin</c> are keywords, which the parser demotes where a value is due).
/// </summary>
internal static class SelectorLexer
{
    private static readonly Dictionary<string, TokenKind> Symbols = new(StringComparer.Ordinal)
    {
        ["!"] = TokenKind.Bang,
        ["="] = TokenKind.Equals,
        ["=="] = TokenKind.DoubleEquals,
        ["!="] = TokenKind.NotEquals,
        [">"] = TokenKind.GreaterThan,
        ["<"] = TokenKind.LessThan,
        [","] = TokenKind.Comma,
        ["("] = TokenKind.OpenParen,
        [")"] = TokenKind.CloseParen,
    };

    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            if (IsWhitespace(text[i]))
            {
                i++;
            }
            else if (IsSymbol(text[i]))
            {
                tokens.Add(ReadSymbol(text, ref i));
            }
            else
            {
                var start = i;
                while (i < text.Length && !IsWhitespace(text[i]) && !IsSymbol(text[i]))
                {
                    i++;
                }

                var word = text[start..i];
                tokens.Add(new Token(word switch { "in" => TokenKind.In, "notin" => TokenKind.NotIn, _ => TokenKind.Identifier }, word));
            }
        }

        tokens.Add(new Token(TokenKind.End, ""));
        return tokens;
    }

    // Every single symbol is an operator, so this always yields one; "!=" wins over "!" but "=!" is "=" then "!".
    private static Token ReadSymbol(string text, ref int i)
    {
        var length = 1;
        while (i + length < text.Length && IsSymbol(text[i + length]) && Symbols.ContainsKey(text.Substring(i, length + 1)))
        {
            length++;
        }

        var symbol = text.Substring(i, length);
        i += length;
        return new Token(Symbols[symbol], symbol);
    }

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsSymbol(char c) => c is '=' or '!' or '(' or ')' or ',' or '>' or '<';
}
