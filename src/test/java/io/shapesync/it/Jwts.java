package io.shapesync.it;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** RS256 JSON Web Tokens signed with a key pair made for the test run (JDK only). */
final class Jwts {
    static final String ISSUER = "https://issuer.shapesync-it.test";
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private Jwts() {
    }

    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key as PEM (X.509 SubjectPublicKeyInfo), as mp.jwt.verify.publickey takes it. */
    static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** A token for {@code user} in {@code groups}, valid from {@code issuedAt} (epoch seconds) to {@code expires}. */
    static String token(PrivateKey key, String user, List<String> groups, long issuedAt, long expires) {
        StringBuilder g = new StringBuilder("[");
        for (String group : groups) g.append(g.length() > 1 ? "," : "").append('"').append(group).append('"');
        g.append(']');
        String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + user + "\",\"upn\":\"" + user + "\",\"groups\":" + g + ",\"iat\":"
                + issuedAt + ",\"exp\":" + expires + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        String signingInput = part("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + part(claims);
        return signingInput + "." + URL.encodeToString(sign(key, signingInput));
    }

    static String token(PrivateKey key, String user, List<String> groups) {
        long now = System.currentTimeMillis() / 1000;
        return token(key, user, groups, now - 5, now + 600);
    }

    private static String part(String json) {
        return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sign(PrivateKey key, String input) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
