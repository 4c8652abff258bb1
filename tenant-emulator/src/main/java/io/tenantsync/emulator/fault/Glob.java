package io.tenantsync.emulator.fault;

import java.util.regex.Pattern;

/**
 * Path globs for fault rules, matched case-insensitively against {@code /v1.0/...} paths: {@code *} matches within one
 * segment, {@code **} across segments, {@code ?} one character that is not '/'.
 */
public final class Glob {
    private Glob() {}

    public static Pattern compile(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char ch = glob.charAt(i);
            if (ch == '*') {
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    re.append(".*");
                    i++;
                } else {
                    re.append("[^/]*");
                }
            } else if (ch == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
