package budgetron.db.cli.studio;

import com.sun.net.httpserver.HttpExchange;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parts of a request the API reads: path segments and repeated query parameters. */
public record Request(String method, List<String> path, Map<String, List<String>> query, byte[] body) {
    static Request of(HttpExchange ex, byte[] body) {
        List<String> path = new ArrayList<>();
        for (String part : ex.getRequestURI().getRawPath().split("/")) {
            if (!part.isEmpty()) {
                path.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return new Request(ex.getRequestMethod(), path, parse(ex.getRequestURI().getRawQuery()), body);
    }

    static Map<String, List<String>> parse(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            }
        }
        return query;
    }

    public List<String> all(String key) {
        return query.getOrDefault(key, List.of());
    }

    public String one(String key, String otherwise) {
        List<String> values = all(key);
        return values.isEmpty() ? otherwise : values.get(values.size() - 1);
    }

    public int integer(String key, int otherwise) {
        try {
            return Integer.parseInt(one(key, String.valueOf(otherwise)));
        } catch (NumberFormatException e) {
            throw new StudioException(400, key + " must be a whole number.");
        }
    }
}
