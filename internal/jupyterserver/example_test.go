package jupyterserver_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"os/signal"
	"time"

	"github.com/lensbook/lensbook/internal/jupyterserver"
	"github.com/lensbook/lensbook/internal/notebook"
)

// Start the notebook server on notebooks/ and print where to open it.
func ExampleStart() {
	ctx := context.Background()
	srv, err := jupyterserver.Start(ctx, jupyterserver.Options{
		Port: 8888,
		Env:  map[string]string{"CRYPTOLENS_BASE_URL": "http://127.0.0.1:8470/api", "LENSBOOK_AS_OF": "2026-11-01T00:00:00Z"},
	})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	fmt.Println("open", srv.URL())
	if err := srv.Wait(); err != nil {
		log.Print(err)
	}
}

// Run a cell on a GoNB kernel of a running server.
func ExampleServer_StartKernel() {
	ctx := context.Background()
	srv, err := jupyterserver.Start(ctx, jupyterserver.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	k, err := srv.StartKernel(ctx, "gonb")
	if err != nil {
		log.Fatal(err)
	}
	defer k.Close(ctx)
	if _, err := k.Execute(ctx, notebook.SetupCellSource); err != nil {
		log.Fatal(err)
	}
	ex, err := k.Execute(ctx, "%%\nfmt.Println(6 * 7)")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(ex.Stdout)
}

// Serve notebooks/ until interrupted: what `lensbook notebook` does.
func ExampleServe() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := jupyterserver.Serve(ctx, jupyterserver.Options{Port: 8888}, os.Stdout); err != nil {
		log.Fatal(err)
	}
}

// Attach to a Jupyter server that runs elsewhere, such as the lensbook Docker
// image's, and list its kernels.
func ExampleConnect() {
	ctx := context.Background()
	srv, err := jupyterserver.Connect(ctx, "http://127.0.0.1:8888/", os.Getenv("JUPYTER_TOKEN"), time.Minute)
	if err != nil {
		log.Fatal(err)
	}
	specs, err := srv.KernelSpecs(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(specs)
}
