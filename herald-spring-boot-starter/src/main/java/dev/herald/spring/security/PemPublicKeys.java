package dev.herald.spring.security;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a PEM public key ({@code BEGIN PUBLIC KEY}, i.e. X.509 SubjectPublicKeyInfo) or certificate
 * into a Nimbus {@link JWK}, with the JDK's key factories (Nimbus's own PEM reader needs
 * BouncyCastle). Only decoding happens here; verification stays with Nimbus.
 */
final class PemPublicKeys {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private PemPublicKeys() {
    }

    static JWK parse(String pem) {
        Matcher matcher = BLOCK.matcher(pem == null ? "" : pem);
        if (!matcher.find()) {
            throw new IllegalArgumentException("no PEM block: expected -----BEGIN PUBLIC KEY----- ... -----END PUBLIC KEY-----");
        }
        String type = matcher.group(1);
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(matcher.group(2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the PEM block is not valid base64", e);
        }
        PublicKey key = switch (type) {
            case "PUBLIC KEY" -> publicKey(der);
            case "CERTIFICATE" -> certificateKey(der);
            case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new IllegalArgumentException(
                    "that is a private key: configure the public key only (openssl pkey -in key.pem -pubout)");
            default -> throw new IllegalArgumentException("a PEM '" + type + "' is not a public key or certificate");
        };
        return switch (key) {
            case RSAPublicKey rsa -> new RSAKey.Builder(rsa).build();
            case ECPublicKey ec -> {
                Curve curve = Curve.forECParameterSpec(ec.getParams());
                if (curve == null) {
                    throw new IllegalArgumentException("the EC key is on an unknown curve; ES256 needs P-256");
                }
                yield new ECKey.Builder(curve, ec).build();
            }
            default -> throw new IllegalArgumentException("a " + key.getAlgorithm() + " key cannot verify RS256 or ES256 tokens");
        };
    }

    private static PublicKey publicKey(byte[] der) {
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("the PEM block is neither an RSA nor an EC public key");
    }

    private static PublicKey certificateKey(byte[] der) {
        try {
            return CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the certificate cannot be read: " + e.getMessage(), e);
        }
    }
}
