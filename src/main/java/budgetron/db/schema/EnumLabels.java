package budgetron.db.schema;

import java.util.List;

/** What can happen to an enum type's labels in place; the generator and the lint ask the same question. */
public final class EnumLabels {
    private EnumLabels() {
    }

    /**
     * Whether going from before to after only adds labels, keeping the old ones in their order:
     * what ALTER TYPE … ADD VALUE can do in place.
     */
    public static boolean onlyAdds(List<String> before, List<String> after) {
        int kept = 0;
        for (String label : after) {
            if (kept < before.size() && before.get(kept).equals(label)) {
                kept++;
            }
        }
        return kept == before.size();
    }
}
