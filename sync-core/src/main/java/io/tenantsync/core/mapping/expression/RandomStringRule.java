package io.tenantsync.core.mapping.expression;

import java.util.random.RandomGenerator;

/** RandomString's constraints, and a string drawn to meet them. */
record RandomStringRule(int length, int minimumNumbers, int minimumSpecial, int minimumCapital, int minimumLower,
                        String avoid) {

    static final int MAX_LENGTH = 256;

    /** The Windows password-complexity special characters. */
    private static final String SPECIAL = "~!@#$%^&*_-+=`|\\(){}[]:;\"'<>,.?/";
    private static final String DIGITS = "0123456789";
    private static final String CAPITALS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";

    /** The rule, or null when it can't be met. */
    static RandomStringRule of(long length, long numbers, long special, long capital, long lower, String avoid) {
        long sum = numbers + special + capital + lower;
        if (length < 1 || length > MAX_LENGTH || numbers < 0 || special < 0 || capital < 0 || lower < 0 || sum > length) {
            return null;
        }
        RandomStringRule rule = new RandomStringRule((int) length, (int) numbers, (int) special, (int) capital,
                (int) lower, avoid == null ? "" : avoid);
        // a required class whose every character is avoided can't be satisfied
        if (numbers > 0 && rule.allowed(DIGITS).isEmpty() || special > 0 && rule.allowed(SPECIAL).isEmpty()
                || capital > 0 && rule.allowed(CAPITALS).isEmpty() || lower > 0 && rule.allowed(LOWER).isEmpty()
                || rule.allowed(DIGITS + SPECIAL + CAPITALS + LOWER).isEmpty()) {
            return null;
        }
        return rule;
    }

    String draw(RandomGenerator random) {
        char[] out = new char[length];
        int filled = 0;
        filled = fill(out, filled, minimumNumbers, allowed(DIGITS), random);
        filled = fill(out, filled, minimumSpecial, allowed(SPECIAL), random);
        filled = fill(out, filled, minimumCapital, allowed(CAPITALS), random);
        filled = fill(out, filled, minimumLower, allowed(LOWER), random);
        fill(out, filled, length - filled, allowed(DIGITS + SPECIAL + CAPITALS + LOWER), random);
        for (int i = out.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            char swap = out[i];
            out[i] = out[j];
            out[j] = swap;
        }
        return new String(out);
    }

    private static int fill(char[] out, int from, int count, String pool, RandomGenerator random) {
        for (int i = 0; i < count; i++) {
            out[from + i] = pool.charAt(random.nextInt(pool.length()));
        }
        return from + count;
    }

    private String allowed(String pool) {
        StringBuilder kept = new StringBuilder(pool.length());
        for (int i = 0; i < pool.length(); i++) {
            if (avoid.indexOf(pool.charAt(i)) < 0) {
                kept.append(pool.charAt(i));
            }
        }
        return kept.toString();
    }
}
