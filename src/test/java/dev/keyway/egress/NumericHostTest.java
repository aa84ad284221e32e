package dev.keyway.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Optional;
import okhttp3.HttpUrl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What OkHttp, the JDK and inet_aton make of numeric hosts, pinned down so the guard reads them alike. */
class NumericHostTest {

    @ParameterizedTest(name = "OkHttp keeps host {0} as {1}")
    @CsvSource({
        "127.1, 127.1", "2130706433, 2130706433", "0x7f000001, 0x7f000001", "017700000001, 017700000001",
        "0177.0.0.1, 0177.0.0.1", "[::1], ::1", "[::ffff:127.0.0.1], 127.0.0.1", "[::127.0.0.1], ::7f00:1",
        "[::], ::", "LOCALHOST, localhost", "%31%32%37.0.0.1, 127.0.0.1", "metadata.google.internal., metadata.google.internal.",
    })
    void okHttpCanonicalizesOnlyIpv6AndCaseAndEscapesNotNumericIpv4Spellings(String host, String canonical) {
        assertThat(HttpUrl.get("http://" + host + ":8080/").host()).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0} reads as jdk={1} bsd={2}")
    @CsvSource({
        "127.0.0.1, 127.0.0.1, 127.0.0.1", "127.1, 127.0.0.1, 127.0.0.1", "2130706433, 127.0.0.1, 127.0.0.1",
        "0x7f000001, , 127.0.0.1", "0X7F.1, , 127.0.0.1", "017700000001, , 127.0.0.1",
        "0177.0.0.1, 177.0.0.1, 127.0.0.1", "012.0.0.1, 12.0.0.1, 10.0.0.1", "08.8.8.8, 8.8.8.8, ",
        "10.1, 10.0.0.1, 10.0.0.1", "192.168.257, 192.168.1.1, 192.168.1.1", "4294967295, 255.255.255.255, 255.255.255.255",
        "4294967296, , ", "256.0.0.1, , ", "1.2.3.4.5, , ", "127.0.0.1., , ", ".1.2.3, , ", "0x, , ", "example.com, , ",
    })
    void numericHostsReadLikeTheJdkAndLikeInetAton(String host, String jdk, String bsd) {
        assertThat(Ipv4Text.jdk(host).map(InetAddress::getHostAddress)).isEqualTo(Optional.ofNullable(jdk));
        assertThat(Ipv4Text.bsd(host).map(InetAddress::getHostAddress)).isEqualTo(Optional.ofNullable(bsd));
    }

    @ParameterizedTest(name = "the JDK dials {0} as {1}")
    @CsvSource({"127.1, 127.0.0.1", "2130706433, 127.0.0.1", "0177.0.0.1, 177.0.0.1", "10.1, 10.0.0.1"})
    void jdkReadingMatchesInetAddress(String host, String dialled) throws Exception {
        assertThat(InetAddress.getByName(host).getHostAddress()).isEqualTo(dialled);
        assertThat(Ipv4Text.jdk(host).orElseThrow().getHostAddress()).isEqualTo(dialled);
    }
}
