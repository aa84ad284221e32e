package dev.keyway.egress;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * A fresh EC key and a self-signed certificate for 127.0.0.1 (an IP address name, which OkHttp's
 * host name check accepts), made in memory: the server side of a loopback HTTPS service and the
 * trust manager for a client that trusts this certificate and nothing else.
 */
record SelfSignedTls(SSLContext server, X509TrustManager trust) {
    private static final char[] PASSWORD = "test".toCharArray();

    static SelfSignedTls forLoopback() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();
        X509Certificate certificate = certificate(pair);

        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("service", pair.getPrivate(), PASSWORD, new Certificate[] {certificate});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(keyManagers.getKeyManagers(), null, null);

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("service", certificate);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);
        return new SelfSignedTls(server, (X509TrustManager) trustManagers.getTrustManagers()[0]);
    }

    /** A TLS listening socket on 127.0.0.1, any free port, that presents the certificate. */
    SSLServerSocket listen() throws Exception {
        return (SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
    }

    private static X509Certificate certificate(KeyPair pair) throws Exception {
        X500Name name = new X500Name("CN=127.0.0.1");
        AlgorithmIdentifier algorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
        Instant now = Instant.now();
        V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
        tbs.setSerialNumber(new ASN1Integer(BigInteger.valueOf(now.toEpochMilli())));
        tbs.setIssuer(name);
        tbs.setSubject(name);
        tbs.setStartDate(new Time(Date.from(now.minus(Duration.ofHours(1)))));
        tbs.setEndDate(new Time(Date.from(now.plus(Duration.ofDays(1)))));
        tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()));
        tbs.setSignature(algorithm);
        GeneralNames loopback = new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        tbs.setExtensions(new Extensions(new Extension(Extension.subjectAlternativeName, false,
                new DEROctetString(loopback))));
        TBSCertificate unsigned = tbs.generateTBSCertificate();

        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(pair.getPrivate());
        signer.update(unsigned.getEncoded(ASN1Encoding.DER));
        ASN1EncodableVector signed = new ASN1EncodableVector();
        signed.add(unsigned);
        signed.add(algorithm);
        signed.add(new DERBitString(signer.sign()));
        byte[] der = new DERSequence(signed).getEncoded(ASN1Encoding.DER);
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }
}
