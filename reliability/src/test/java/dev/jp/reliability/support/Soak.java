package dev.jp.reliability.support;

/**
 * {@code -Dsoak=true}: the full sizes and durations. Without it each case runs a smaller,
 * shorter variant that fits the CI budget (sizes in the README).
 */
public final class Soak {

    private Soak() {
    }

    public static boolean on() {
        return Boolean.getBoolean("soak");
    }

    /** {@code quick} normally, {@code soak} under {@code -Dsoak=true}. */
    public static int pick(int quick, int soak) {
        return on() ? soak : quick;
    }
}
