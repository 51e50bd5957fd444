package budgetron.db.config;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every password this process has parsed, so that no message can print one by accident. */
public final class Secrets {
    private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

    private Secrets() {
    }

    public static void register(String secret) {
        if (secret != null && secret.length() >= 3) {
            KNOWN.add(secret);
        }
    }

    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = DbUrl.mask(text);
        for (String s : KNOWN) {
            out = out.replace(s, "****");
        }
        return out;
    }
}
