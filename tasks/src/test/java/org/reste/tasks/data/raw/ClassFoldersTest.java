package org.reste.tasks.data.raw;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one class-folder rule: nested images read, hidden entries never, sorted by relative path. */
class ClassFoldersTest {

    @TempDir
    Path tmp;

    /** A split folder with the entries that trip listings up: hidden folders and files, nesting, other files. */
    static Path awkwardSplit(Path root) throws IOException {
        Path split = root.resolve("train");
        for (String file : List.of("b/2.jpg", "b/1.JPEG", "b/sub/0.png", "b/sub/.hidden.jpg", "b/.cache/x.jpg", "b/notes.txt",
                "b/._1.JPEG", "a/z.jpeg", ".ipynb_checkpoints/c.jpg", "a/.DS_Store")) {
            Path path = split.resolve(file);
            Files.createDirectories(path.getParent());
            Files.write(path, new byte[] {1});
        }
        Files.write(split.resolve("stray.jpg"), new byte[] {1}); // a file beside the classes is no class
        return split;
    }

    @Test
    void classesAreTheVisibleSubFoldersSorted() throws IOException {
        assertEquals(List.of("a", "b"), ClassFolders.classes(awkwardSplit(tmp)));
    }

    @Test
    void imagesAreNestedOnesTooAndNeverHiddenOnes() throws IOException {
        Path split = awkwardSplit(tmp);
        ClassFolders.Listing b = ClassFolders.images(split.resolve("b"));
        assertEquals(List.of("1.JPEG", "2.jpg", "sub/0.png"), b.images());
        assertEquals(4, b.skipped(), "notes.txt, ._1.JPEG, sub/.hidden.jpg, .cache/x.jpg");
        assertEquals(List.of("z.jpeg"), ClassFolders.images(split.resolve("a")).images());
    }

    @Test
    void trainingFromTheFoldersListsTheSameImagesWithTheSameLabels() throws IOException {
        awkwardSplit(tmp);
        Files.createDirectories(tmp.resolve("val"));
        for (String file : List.of("a/v.jpg", "b/w.png", ".hidden/u.jpg")) {
            Path path = tmp.resolve("val").resolve(file);
            Files.createDirectories(path.getParent());
            Files.write(path, new byte[] {1});
        }
        ImageFolder folder = ImageFolder.open(tmp);
        assertEquals(List.of("a", "b"), folder.classes());
        assertEquals(List.of("train/a/z.jpeg:0", "train/b/1.JPEG:1", "train/b/2.jpg:1", "train/b/sub/0.png:1"),
                folder.files(ImageFolder.Split.TRAIN).stream()
                        .map(f -> tmp.relativize(f.file()) + ":" + f.label()).toList());
    }
}
