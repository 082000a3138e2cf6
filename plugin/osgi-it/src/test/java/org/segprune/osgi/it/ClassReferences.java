package org.segprune.osgi.it;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The classes a class file makes the JVM load: its super class and interfaces, the owners of the fields and
 * methods it uses, the types in the descriptors of those and of its own members, the classes its bytecode
 * names (new, checkcast, instanceof, arrays, class literals) and its catch types. Constant-pool entries that no
 * instruction uses (javac keeps one for the owner of an inlined constant) do not count, and neither do
 * annotations or generic signatures. Lets the test ask a bundle's class loader for every class its code can
 * touch, without running that code.
 */
final class ClassReferences {

    private static final Pattern DESCRIPTOR_TYPE = Pattern.compile("L([^;<>]+);");

    private ClassReferences() {
    }

    /** Binary names (dots) of the referenced classes, array and primitive types removed. */
    static Set<String> of(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        int[] tags = new int[count];
        String[] utf8 = new String[count];
        int[] first = new int[count];
        int[] second = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            tags[i] = tag;
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                case 7, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort();
                case 9, 10, 11, 12, 17, 18 -> {
                    first[i] = in.readUnsignedShort();
                    second[i] = in.readUnsignedShort();
                }
                case 15 -> {
                    first[i] = in.readUnsignedByte();
                    second[i] = in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        Set<String> result = new TreeSet<>();
        for (int i = 1; i < count; i++) {
            switch (tags[i]) {
                case 9, 10, 11 -> addClass(utf8[first[first[i]]], result); // member ref: owner class
                case 12 -> addDescriptor(utf8[second[i]], result); // name-and-type: descriptor
                case 16 -> addDescriptor(utf8[first[i]], result); // method type
                default -> {
                }
            }
        }
        in.readUnsignedShort(); // access
        in.readUnsignedShort(); // this class
        int superIndex = in.readUnsignedShort();
        if (superIndex != 0) {
            addClass(utf8[first[superIndex]], result);
        }
        int interfaces = in.readUnsignedShort();
        for (int i = 0; i < interfaces; i++) {
            addClass(utf8[first[in.readUnsignedShort()]], result);
        }
        for (int kind = 0; kind < 2; kind++) { // fields, then methods
            int members = in.readUnsignedShort();
            for (int m = 0; m < members; m++) {
                in.readUnsignedShort();
                in.readUnsignedShort();
                addDescriptor(utf8[in.readUnsignedShort()], result);
                int attributes = in.readUnsignedShort();
                for (int a = 0; a < attributes; a++) {
                    String name = utf8[in.readUnsignedShort()];
                    int length = in.readInt();
                    byte[] body = in.readNBytes(length);
                    if ("Code".equals(name)) {
                        code(body, tags, utf8, first, result);
                    }
                }
            }
        }
        return result;
    }

    private static void code(byte[] attribute, int[] tags, String[] utf8, int[] first, Set<String> result) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(attribute));
        in.readUnsignedShort();
        in.readUnsignedShort();
        int length = in.readInt();
        byte[] code = in.readNBytes(length);
        int pc = 0;
        while (pc < length) {
            int op = code[pc] & 0xFF;
            switch (op) {
                case 0x12 -> { // ldc
                    classConstant(code[pc + 1] & 0xFF, tags, utf8, first, result);
                    pc += 2;
                }
                case 0x13, 0xbb, 0xbd, 0xc0, 0xc1 -> { // ldc_w, new, anewarray, checkcast, instanceof
                    classConstant(u2(code, pc + 1), tags, utf8, first, result);
                    pc += 3;
                }
                case 0xc5 -> { // multianewarray
                    classConstant(u2(code, pc + 1), tags, utf8, first, result);
                    pc += 4;
                }
                case 0xaa -> { // tableswitch
                    int p = (pc + 4) & ~3;
                    int low = s4(code, p + 4);
                    int high = s4(code, p + 8);
                    pc = p + 12 + (high - low + 1) * 4;
                }
                case 0xab -> { // lookupswitch
                    int p = (pc + 4) & ~3;
                    pc = p + 8 + s4(code, p + 4) * 8;
                }
                case 0xc4 -> pc += (code[pc + 1] & 0xFF) == 0x84 ? 6 : 4; // wide
                default -> pc += length(op);
            }
        }
        int handlers = in.readUnsignedShort();
        for (int h = 0; h < handlers; h++) {
            in.readUnsignedShort();
            in.readUnsignedShort();
            in.readUnsignedShort();
            int catchType = in.readUnsignedShort();
            if (catchType != 0) {
                addClass(utf8[first[catchType]], result);
            }
        }
    }

    private static int length(int op) {
        if (op == 0x10 || op == 0xbc || op == 0xa9 || (op >= 0x15 && op <= 0x19) || (op >= 0x36 && op <= 0x3a)) {
            return 2;
        }
        if (op == 0x11 || op == 0x14 || op == 0x84 || (op >= 0x99 && op <= 0xa8) || (op >= 0xb2 && op <= 0xb8)
                || op == 0xc6 || op == 0xc7) {
            return 3;
        }
        if (op == 0xb9 || op == 0xba || op == 0xc8 || op == 0xc9) {
            return 5;
        }
        return 1;
    }

    private static int u2(byte[] code, int at) {
        return ((code[at] & 0xFF) << 8) | (code[at + 1] & 0xFF);
    }

    private static int s4(byte[] code, int at) {
        return (code[at] << 24) | ((code[at + 1] & 0xFF) << 16) | ((code[at + 2] & 0xFF) << 8) | (code[at + 3] & 0xFF);
    }

    private static void classConstant(int index, int[] tags, String[] utf8, int[] first, Set<String> result) {
        if (index > 0 && index < tags.length && tags[index] == 7) {
            addClass(utf8[first[index]], result);
        }
    }

    private static void addClass(String internalName, Set<String> result) {
        if (internalName == null) {
            return;
        }
        if (internalName.startsWith("[")) {
            addDescriptor(internalName, result);
        } else {
            result.add(internalName.replace('/', '.'));
        }
    }

    private static void addDescriptor(String descriptor, Set<String> result) {
        if (descriptor == null) {
            return;
        }
        Matcher m = DESCRIPTOR_TYPE.matcher(descriptor);
        while (m.find()) {
            result.add(m.group(1).replace('/', '.'));
        }
    }
}
