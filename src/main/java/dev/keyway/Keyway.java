package dev.keyway;

public final class Keyway {
    public static void main(String[] args) {
        System.out.println("keyway");
    }
}
