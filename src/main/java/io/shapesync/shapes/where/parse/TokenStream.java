package io.shapesync.shapes.where.parse;

import io.shapesync.shapes.where.WhereException;
import io.shapesync.shapes.where.parse.Token.Kind;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parser's view of the token sequence: lazy lexing with arbitrary look-ahead and marks (used only for bounded
 * look-ahead such as type names), error construction, and the two nesting guards (parser recursion depth and
 * depth of the produced tree), so hostile input ends in a {@link WhereException} rather than a stack overflow.
 */
final class TokenStream {
    static final int MAX_DEPTH = 256;
    static final String TOO_DEEP = "expression is too deeply nested";

    private final Lexer lexer;
    private final List<Token> tokens = new ArrayList<>();
    private final Map<Node, Integer> depths = new IdentityHashMap<>();
    private int index;
    private int recursion;

    TokenStream(String text) {
        this.lexer = new Lexer(text);
    }

    Token peek() {
        return peek(0);
    }

    Token peek(int ahead) {
        while (tokens.size() <= index + ahead) {
            if (!tokens.isEmpty() && tokens.get(tokens.size() - 1).kind() == Kind.EOF) {
                return tokens.get(tokens.size() - 1);
            }
            tokens.add(lexer.next());
        }
        return tokens.get(index + ahead);
    }

    Token advance() {
        Token t = peek();
        if (t.kind() != Kind.EOF) {
            index++;
        }
        return t;
    }

    int mark() {
        return index;
    }

    void reset(int mark) {
        index = mark;
    }

    /** Whether a punctuation token {@code p} was consumed since {@code mark}. */
    boolean consumedSince(int mark, String p) {
        for (int i = mark; i < index; i++) {
            if (tokens.get(i).isPunct(p)) {
                return true;
            }
        }
        return false;
    }

    boolean atKeyword(String kw) {
        return peek().isKeyword(kw);
    }

    boolean atPunct(String p) {
        return peek().isPunct(p);
    }

    /** Consumes the keyword if it is next. */
    boolean acceptKeyword(String kw) {
        if (atKeyword(kw)) {
            advance();
            return true;
        }
        return false;
    }

    boolean acceptPunct(String p) {
        if (atPunct(p)) {
            advance();
            return true;
        }
        return false;
    }

    Token expectPunct(String p) {
        if (!atPunct(p)) {
            throw syntaxError(peek());
        }
        return advance();
    }

    Token expectKeyword(String kw) {
        if (!atKeyword(kw)) {
            throw syntaxError(peek());
        }
        return advance();
    }

    String rawText(Token t) {
        return lexer.source().substring(t.start(), t.end());
    }

    int length() {
        return lexer.source().length();
    }

    WhereException syntaxError(Token t) {
        if (t.kind() == Kind.EOF) {
            return new WhereException(t.start(), "syntax error at end of input");
        }
        return new WhereException(t.start(), "syntax error at or near \"" + rawText(t) + "\"");
    }

    // ---- nesting guards

    /** Enters one level of parser recursion at token {@code t}. */
    void enter(Token t) {
        if (++recursion > MAX_DEPTH) {
            throw new WhereException(t.start(), TOO_DEEP);
        }
    }

    void leave() {
        recursion--;
    }

    /** Records {@code node}'s tree depth (1 + its deepest child) and rejects trees deeper than the limit. */
    <T extends Node> T node(T node, Node... children) {
        int d = 0;
        for (Node c : children) {
            if (c != null) {
                d = Math.max(d, depths.getOrDefault(c, 1));
            }
        }
        return record(node, d);
    }

    <T extends Node> T node(T node, List<? extends Node> children) {
        int d = 0;
        for (Node c : children) {
            if (c != null) {
                d = Math.max(d, depths.getOrDefault(c, 1));
            }
        }
        return record(node, d);
    }

    private <T extends Node> T record(T node, int childDepth) {
        if (childDepth + 1 > MAX_DEPTH) {
            throw new WhereException(node.pos(), TOO_DEEP);
        }
        if (childDepth > 0) {
            depths.put(node, childDepth + 1);
        }
        return node;
    }
}
