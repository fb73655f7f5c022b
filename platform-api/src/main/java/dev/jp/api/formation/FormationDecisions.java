package dev.jp.api.formation;

import dev.jp.api.apps.AppState;
import dev.jp.api.http.ApiException;
import dev.jp.events.FormationScaled;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The pure decision of a formation change: absolute quantities and sizes, checked against the release and the quota. */
public final class FormationDecisions {

    /** Sizes jp accepts, by their lower-case spelling and Heroku's short forms. */
    private static final Map<String, String> SIZES = sizes();
    /** The largest quantity one request may name, whatever the quota. */
    private static final int MAX_QUANTITY = 10_000;

    private FormationDecisions() {
    }

    /**
     * One requested change, as it arrived: quantity absolute ({@code 2}) or relative ({@code +1}), and size, each optional.
     */
    public record Update(String type, String quantity, String size) {
    }

    public static FormationScaled scale(AppState app, List<Update> updates, int quota, String by, Instant now) {
        if (updates.isEmpty()) {
            throw ApiException.invalid("No formation updates given.");
        }
        Map<String, FormationScaled.Change> changes = new LinkedHashMap<>();
        for (Update update : updates) {
            AppState.Formation current = app.formation().get(update.type());
            if (current == null) {
                throw ApiException.notFound("Couldn't find that process type (" + update.type() + ").");
            }
            int base = changes.containsKey(update.type()) ? changes.get(update.type()).quantity() : current.quantity();
            int quantity = update.quantity() == null ? base : quantity(update.quantity(), base);
            String size = update.size() == null ? current.size() : size(update.size());
            changes.put(update.type(), new FormationScaled.Change(update.type(), quantity, size));
        }
        int total = 0;
        for (AppState.Formation formation : app.formation().values()) {
            FormationScaled.Change change = changes.get(formation.type());
            total += change == null ? formation.quantity() : change.quantity();
        }
        if (total > quota) {
            throw ApiException.invalid("Cannot run more than " + quota + " dynos for this app (asked for " + total + ").");
        }
        return new FormationScaled(app.name(), by, now, app.version(), new ArrayList<>(changes.values()));
    }

    static int quantity(String text, int current) {
        String value = text.trim();
        try {
            boolean relative = value.startsWith("+") || value.startsWith("-");
            long parsed = Long.parseLong(value);
            long result = relative ? current + parsed : parsed;
            if (result < 0) {
                throw ApiException.invalid("Quantity must be 0 or more, was " + result + ".");
            }
            if (result > MAX_QUANTITY) {
                throw ApiException.invalid("Quantity must be at most " + MAX_QUANTITY + ", was " + result + ".");
            }
            return (int) result;
        } catch (NumberFormatException e) {
            throw ApiException.invalid("Quantity must be a whole number such as 2, +1 or -1, not '" + text + "'.");
        }
    }

    /** The canonical spelling of a dyno size ({@code standard-2x} → {@code Standard-2X}); 422 when unknown. */
    public static String size(String text) {
        String size = SIZES.get(text.trim().toLowerCase(Locale.ROOT));
        if (size == null) {
            throw ApiException.invalid("Unknown dyno size '" + text + "'; sizes: " + String.join(", ", canonicalSizes()));
        }
        return size;
    }

    private static List<String> canonicalSizes() {
        return SIZES.values().stream().distinct().toList();
    }

    private static Map<String, String> sizes() {
        Map<String, String> sizes = new LinkedHashMap<>();
        for (String size : List.of("Eco", "Basic", "Standard-1X", "Standard-2X", "Performance-M", "Performance-L")) {
            sizes.put(size.toLowerCase(Locale.ROOT), size);
        }
        sizes.put("1x", "Standard-1X");
        sizes.put("2x", "Standard-2X");
        sizes.put("free", "Eco");
        sizes.put("hobby", "Basic");
        return sizes;
    }
}
