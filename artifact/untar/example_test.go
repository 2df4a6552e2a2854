package untar_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"

	"github.com/aerie-sec/aerie/artifact/untar"
)

func ExampleExtract() {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	_ = tw.WriteHeader(&tar.Header{Name: "../../etc/cron.d/evil", Typeflag: tar.TypeReg, Mode: 0o644})
	_ = tw.Close()
	_ = zw.Close()

	dir, _ := os.MkdirTemp("", "untar")
	defer os.RemoveAll(dir)
	root, _ := os.OpenRoot(dir)
	defer root.Close()
	_, err := untar.Extract(context.Background(), &buf, root, untar.Limits{})
	fmt.Println(err)
	// Output: extract ../../etc/cron.d/evil: archive refused: ".." in name
}
