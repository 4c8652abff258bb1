package io.tenantsync.core.mapping.expression;

import java.text.Normalizer;

/**
 * NormalizeDiacritics: letters with diacritics become their base letters. Entra's table is covered by decomposing
 * (NFD) and dropping combining marks, plus the letters that don't decompose: ß, æ, ø, œ, ł, ı and đ.
 */
final class Diacritics {

    private Diacritics() {
    }

    static String normalize(String text) {
        int i = 0;
        while (i < text.length() && text.charAt(i) < 0x80) {
            i++;
        }
        if (i == text.length()) {
            return text; // plain ASCII, the common case
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int j = 0; j < decomposed.length(); j++) {
            char c = decomposed.charAt(j);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            switch (c) {
                case 'ß' -> out.append("ss");
                case 'æ' -> out.append("ae");
                case 'Æ' -> out.append("AE");
                case 'ø', 'œ' -> out.append("oe");
                case 'Ø', 'Œ' -> out.append("OE");
                case 'ł' -> out.append('l');
                case 'Ł' -> out.append('L');
                case 'ı' -> out.append('i');
                case 'đ' -> out.append('d');
                case 'Đ' -> out.append('D');
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
