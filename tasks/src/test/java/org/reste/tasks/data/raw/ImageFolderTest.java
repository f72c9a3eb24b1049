package org.reste.tasks.data.raw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reste.tasks.data.DatasetException;
import org.reste.tasks.data.raw.ImageFolder.Split;

class ImageFolderTest {

    @TempDir
    Path dir;

    @Test
    void classesAreSortedFolderNamesAndCountsPerSplit() {
        ImageFolder folder = ImageFolder.open(TinyImageFolder.write(dir));
        assertEquals(List.of("apple", "mango", "zebra"), folder.classes());
        assertEquals(3, folder.numClasses());
        assertArrayEquals(new int[] {4, 4, 4}, folder.classCounts(Split.TRAIN));
        assertArrayEquals(new int[] {2, 2, 2}, folder.classCounts(Split.VAL));
        assertEquals(12, folder.files(Split.TRAIN).size());
        assertEquals(dir.toAbsolutePath().normalize(), folder.root());
    }

    @Test
    void filesAreListedClassByClassSortedWithTheirLabels() throws IOException {
        TinyImageFolder.write(dir);
        Path apple = dir.resolve("train/apple");
        Files.writeString(apple.resolve("README.txt"), "not an image");
        Files.writeString(apple.resolve(".DS_Store"), "");
        Files.copy(apple.resolve("img0.jpg"), apple.resolve("a_first.JPEG"));
        Files.createDirectories(apple.resolve("nested"));
        Files.copy(apple.resolve("img1.png"), apple.resolve("nested/deep.PNG"));

        List<LabelledFile> train = ImageFolder.open(dir).files(Split.TRAIN);
        assertEquals(14, train.size());
        assertEquals(List.of("a_first.JPEG", "img0.jpg", "img1.png", "img2.jpg", "img3.png", "nested/deep.PNG"),
                train.subList(0, 6).stream().map(f -> apple.toAbsolutePath().relativize(f.file()).toString()).toList());
        for (int i = 0; i < train.size(); i++) {
            int expected = i < 6 ? 0 : i < 10 ? 1 : 2;
            assertEquals(expected, train.get(i).label(), "label of " + train.get(i).file());
        }
        assertEquals(dir.toAbsolutePath().resolve("train/mango/img0.jpg"), train.get(6).file());
    }

    @Test
    void listingIsTheSameEveryTime() {
        TinyImageFolder.write(dir);
        assertEquals(ImageFolder.open(dir).files(Split.VAL), ImageFolder.open(dir).files(Split.VAL));
    }

    @Test
    void missingRootIsNamed() {
        DatasetException e = assertThrows(DatasetException.class, () -> ImageFolder.open(dir.resolve("nowhere")));
        assertTrue(e.getMessage().startsWith(dir.resolve("nowhere") + ": no such folder"), e.getMessage());
    }

    @Test
    void missingSplitFolderIsNamed() throws IOException {
        TinyImageFolder.write(dir);
        deleteTree(dir.resolve("val"));
        DatasetException e = assertThrows(DatasetException.class, () -> ImageFolder.open(dir));
        assertEquals(dir.resolve("val") + ": missing val split folder (expected val/<class>/<image>)", e.getMessage());
    }

    @Test
    void splitWithoutClassFoldersIsNamed() throws IOException {
        Files.createDirectories(dir.resolve("train"));
        Files.createDirectories(dir.resolve("val"));
        Files.writeString(dir.resolve("train/loose.jpg"), "x");
        DatasetException e = assertThrows(DatasetException.class, () -> ImageFolder.open(dir));
        assertEquals(dir.resolve("train") + ": no class folders (expected train/<class>/<image>)", e.getMessage());
    }

    @Test
    void emptyClassFolderIsNamed() throws IOException {
        TinyImageFolder.write(dir);
        Files.createDirectories(dir.resolve("train/kiwi"));
        Files.createDirectories(dir.resolve("val/kiwi"));
        Files.writeString(dir.resolve("val/kiwi/notes.txt"), "no images here");
        DatasetException e = assertThrows(DatasetException.class, () -> ImageFolder.open(dir));
        assertEquals(dir.resolve("train/kiwi") + ": class 'kiwi' has no images (.jpg, .jpeg or .png) in the train split",
                e.getMessage());
    }

    @Test
    void classMismatchListsTheDifferences() throws IOException {
        TinyImageFolder.write(dir);
        Files.move(dir.resolve("val/zebra"), dir.resolve("val/zebu"));
        Files.createDirectories(dir.resolve("val/yak"));
        DatasetException e = assertThrows(DatasetException.class, () -> ImageFolder.open(dir));
        assertEquals(dir + ": train has 3 classes, val has 4; only in train: zebra; only in val: yak, zebu", e.getMessage());
    }

    @Test
    void imageNamesAreMatchedInAnyCase() {
        assertTrue(ClassFolders.isImageName(Path.of("n01440764_10026.JPEG")));
        assertTrue(ClassFolders.isImageName(Path.of("a.png")));
        assertTrue(ClassFolders.isImageName(Path.of("a.Jpg")));
        assertTrue(!ClassFolders.isImageName(Path.of("a.gif")));
        assertTrue(!ClassFolders.isImageName(Path.of("jpg")));
    }

    static void deleteTree(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
