package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/klauspost/compress/dict"
	"github.com/klauspost/compress/s2"
	"github.com/klauspost/compress/zstd"
	bolt "go.etcd.io/bbolt"
)

// Bodies — a version's description and sections, as encodeBody writes
// them — are stored compressed in one of two forms, told apart by their
// first byte:
//
//   - a zstd frame (its magic starts with 0x28): every body stored before
//     the store had a dictionary;
//   - blobS2Dict, the id of a dictionary (uvarint), and an S2 block
//     compressed with that dictionary: bodies stored with the store's first
//     dictionary by builds before zstd dictionaries;
//   - blobZstdDict, the id of a dictionary (uvarint), and a zstd frame
//     compressed with that dictionary: every body stored since.
//
// A dictionary is trained once the store holds, with a batch on its way,
// at least dictMinSamples bodies — in one large batch, or over the many
// small ones of a configuration with many boards — from the batch's bodies
// and the newest stored ones, and kept in the meta bucket under "dict" and
// its id. New dictionaries are zstd dictionaries (they start with zstd's
// dictionary magic); a store that trained an S2 one keeps using it. Job
// postings share much of their wording (a company's boilerplate, the
// vocabulary of requirements), which a few-KB document compressed on its
// own cannot exploit: on the recorded Greenhouse and Lever fixtures, S2
// with a dictionary stores 0.43 of the text at 240 MB/s per core, where
// zstd's fastest level stores 0.47 at 85 MB/s. On the synthetic corpus of
// BenchmarkBodyCompression, random words with no shared boilerplate, zstd's
// fastest level with a dictionary stores 0.33 at 146 MB/s, S2 with one 0.51
// at 390 MB/s, zstd alone 0.48 at 200 MB/s: the entropy coding S2 lacks is
// worth the time, as bodies are most of a store's bytes.
const (
	blobS2Dict   = 0x01
	blobZstdDict = 0x02
)

// zstdDictMagic starts every zstd dictionary.
var zstdDictMagic = []byte{0x37, 0xa4, 0x30, 0xec}

// Training reads at most dictMaxSamples bodies: on the synthetic corpus,
// 32 train a zstd dictionary in 0.09 s that stores 0.334 of the text, 64 in
// 0.12 s to 0.327, 128 in 0.3 s to 0.327 (training on 128 was 5% of the
// store's CPU in BenchmarkIngest100k).
const (
	dictMinSamples = 256      // bodies stored and on their way before a dictionary is trained
	dictMaxSamples = 64       // bodies a dictionary is trained from at most
	dictSampleMax  = 8 << 10  // bytes of each body the training reads
	dictMaxSize    = 64 << 10 // bytes of dictionary, S2's maximum
)

// keyDict prefixes a dictionary's key in the meta bucket; the id follows as
// 4 big-endian bytes.
var keyDict = []byte("dict")

func dictKey(id uint32) []byte { return binary.BigEndian.AppendUint32(bytes.Clone(keyDict), id) }

// bodyCodec compresses and decompresses bodies. Its methods are safe for
// concurrent use.
type bodyCodec struct {
	zenc *zstd.Encoder
	zdec *zstd.Decoder

	mu      sync.RWMutex
	current dictRef               // the dictionary new bodies use; id 0 for none
	dicts   map[dictRef]*bodyDict // every dictionary loaded so far

	training sync.Mutex // one training at a time
	gaveUp   bool       // the builder found no dictionary; not retried until reopened

	bufs sync.Pool // of *[]byte: scratch for bodies on their way to compression
}

// dictRef names a dictionary as a blob does: its kind (the blob's format
// byte, blobS2Dict or blobZstdDict) and its id in the meta bucket.
type dictRef struct {
	kind byte
	id   uint32
}

// bodyDict is a loaded dictionary: an S2 one, or a zstd one with its own
// encoder and decoder (zstd binds the dictionary to them).
type bodyDict struct {
	s2   *s2.Dict
	zenc *zstd.Encoder
	zdec *zstd.Decoder
}

func (d *bodyDict) close() {
	if d.zenc != nil {
		d.zenc.Close()
	}
	if d.zdec != nil {
		d.zdec.Close()
	}
}

// newBodyEncoder is the zstd encoder for bodies: the fastest level, whose
// lower-memory tables are as good for a few KB and much cheaper to reset
// per EncodeAll; no checksum, as Check verifies every body against its
// hash.
func newBodyEncoder(opts ...zstd.EOption) (*zstd.Encoder, error) {
	return zstd.NewWriter(nil, append([]zstd.EOption{zstd.WithEncoderLevel(zstd.SpeedFastest),
		zstd.WithEncoderCRC(false), zstd.WithEncoderConcurrency(runtime.GOMAXPROCS(0)),
		zstd.WithLowerEncoderMem(true)}, opts...)...)
}

// newBodyDecoder is the zstd decoder for bodies, bounded so that a damaged
// frame cannot make it allocate without limit.
func newBodyDecoder(opts ...zstd.DOption) (*zstd.Decoder, error) {
	return zstd.NewReader(nil, append([]zstd.DOption{zstd.WithDecoderConcurrency(0),
		zstd.WithDecoderMaxMemory(64 << 20)}, opts...)...)
}

// close releases the dictionaries' encoders and decoders.
func (c *bodyCodec) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, d := range c.dicts {
		d.close()
	}
	c.dicts = nil
}

// buffer returns a scratch buffer from the pool; put it back with
// c.bufs.Put.
func (c *bodyCodec) buffer() *[]byte {
	if b, ok := c.bufs.Get().(*[]byte); ok {
		return b
	}
	return new([]byte)
}

// compress returns raw compressed, appended to dst.
func (c *bodyCodec) compress(raw, dst []byte) []byte {
	c.mu.RLock()
	ref, d := c.current, c.dicts[c.current]
	c.mu.RUnlock()
	if d == nil {
		return c.zenc.EncodeAll(raw, dst)
	}
	dst = append(dst, ref.kind)
	dst = binary.AppendUvarint(dst, uint64(ref.id))
	if d.zenc != nil {
		return d.zenc.EncodeAll(raw, dst)
	}
	buf := c.buffer()
	defer c.bufs.Put(buf)
	*buf = d.s2.Encode((*buf)[:cap(*buf)], raw)
	return append(dst, *buf...)
}

// decompress returns the body blob holds, which must be size bytes long
// (size < 0: not known). meta is the transaction's meta bucket, where a
// dictionary not yet loaded is read from.
func (c *bodyCodec) decompress(meta *bolt.Bucket, blob []byte, size int) ([]byte, error) {
	if len(blob) == 0 || (blob[0] != blobS2Dict && blob[0] != blobZstdDict) {
		return decodeZstd(c.zdec, blob, size)
	}
	id, n := binary.Uvarint(blob[1:])
	if n <= 0 || id == 0 || id > 1<<32-1 {
		return nil, fmt.Errorf("%w: body names no dictionary", ErrCorrupt)
	}
	d, err := c.dict(meta, dictRef{blob[0], uint32(id)})
	if err != nil {
		return nil, err
	}
	block := blob[1+n:]
	if d.zdec != nil {
		return decodeZstd(d.zdec, block, size)
	}
	// The block states its length; a damaged one must not make us
	// allocate what it claims.
	l, err := s2.DecodedLen(block)
	switch {
	case err != nil:
		return nil, fmt.Errorf("decompress: %w: %w", ErrCorrupt, err)
	case size >= 0 && l != size:
		return nil, fmt.Errorf("%w: body is %d bytes, its version says %d", ErrCorrupt, l, size)
	case size < 0 && l > maxBodyUnknown:
		return nil, fmt.Errorf("%w: body claims %d bytes", ErrCorrupt, l)
	}
	raw, err := d.s2.Decode(nil, block)
	if err != nil {
		return nil, fmt.Errorf("decompress: %w: %w", ErrCorrupt, err)
	}
	return raw, nil
}

// decodeZstd decodes frame, which must hold size bytes (size < 0: not
// known), with dec.
func decodeZstd(dec *zstd.Decoder, frame []byte, size int) ([]byte, error) {
	hint := 0
	if size > 0 {
		hint = min(size, maxBodyHint)
	}
	raw, err := dec.DecodeAll(frame, make([]byte, 0, hint))
	if err != nil {
		return nil, fmt.Errorf("decompress: %w: %w", ErrCorrupt, err)
	}
	if size >= 0 && len(raw) != size {
		return nil, fmt.Errorf("%w: body is %d bytes, its version says %d", ErrCorrupt, len(raw), size)
	}
	return raw, nil
}

// body reads and decompresses version v's body.
func (s *Store) body(b buckets, v *version) ([]byte, error) {
	blob := b.content.Get(v.contentKey())
	if blob == nil {
		return nil, fmt.Errorf("%s: %w: missing", v.contentName(), ErrCorrupt)
	}
	raw, err := s.bodies.decompress(b.meta, blob, v.BodySize)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", v.contentName(), err)
	}
	return raw, nil
}

// maxBodyUnknown bounds a body whose size no version states (Check reads
// every body, referenced or not).
const maxBodyUnknown = 256 << 20

// dict returns the dictionary ref names, loading it from meta if needed.
func (c *bodyCodec) dict(meta *bolt.Bucket, ref dictRef) (*bodyDict, error) {
	c.mu.RLock()
	d := c.dicts[ref]
	c.mu.RUnlock()
	if d != nil {
		return d, nil
	}
	raw := meta.Get(dictKey(ref.id))
	if raw == nil {
		return nil, fmt.Errorf("%w: dictionary %d is missing", ErrCorrupt, ref.id)
	}
	d, err := loadDict(ref.kind, bytes.Clone(raw))
	if err != nil {
		return nil, fmt.Errorf("%w: dictionary %d: %w", ErrCorrupt, ref.id, err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if have := c.dicts[ref]; have != nil { // loaded meanwhile
		d.close()
		return have, nil
	}
	if c.dicts == nil {
		c.dicts = map[dictRef]*bodyDict{}
	}
	c.dicts[ref] = d
	return d, nil
}

// loadDict makes a dictionary of kind from its stored bytes.
func loadDict(kind byte, raw []byte) (*bodyDict, error) {
	if kind == blobS2Dict {
		d := s2.NewDict(raw)
		if d == nil {
			return nil, errors.New("not an S2 dictionary")
		}
		return &bodyDict{s2: d}, nil
	}
	if !bytes.HasPrefix(raw, zstdDictMagic) {
		return nil, errors.New("not a zstd dictionary")
	}
	enc, err := newBodyEncoder(zstd.WithEncoderDict(raw))
	if err != nil {
		return nil, err
	}
	dec, err := newBodyDecoder(zstd.WithDecoderDicts(raw))
	if err != nil {
		enc.Close()
		return nil, err
	}
	return &bodyDict{zenc: enc, zdec: dec}, nil
}

// load makes the newest dictionary in meta the one new bodies use. A
// dictionary is zstd's if it starts with zstd's magic and loads as one,
// else S2's (an S2 dictionary's first bytes are a small number and text).
func (c *bodyCodec) load(meta *bolt.Bucket) error {
	cur := meta.Cursor()
	k, _ := cur.Seek(dictKey(0))
	var newest uint32
	for ; k != nil && bytes.HasPrefix(k, keyDict); k, _ = cur.Next() {
		if len(k) != len(keyDict)+4 {
			return fmt.Errorf("meta/%q: %w", k, ErrCorrupt)
		}
		newest = max(newest, binary.BigEndian.Uint32(k[len(keyDict):]))
	}
	if newest == 0 {
		return nil
	}
	ref := dictRef{blobS2Dict, newest}
	if bytes.HasPrefix(meta.Get(dictKey(newest)), zstdDictMagic) {
		if _, err := c.dict(meta, dictRef{blobZstdDict, newest}); err == nil {
			ref.kind = blobZstdDict
		}
	}
	if _, err := c.dict(meta, ref); err != nil {
		return err
	}
	c.mu.Lock()
	c.current = ref
	c.mu.Unlock()
	return nil
}

// wantsDict reports whether a batch should try to train a dictionary: the
// store has none and has not given up on one.
func (c *bodyCodec) wantsDict() bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.current.id == 0 && !c.gaveUp
}

// hasDict reports whether new bodies are compressed with a dictionary.
func (c *bodyCodec) hasDict() bool { return c.currentID() != 0 }

// currentID is the id of the dictionary new bodies use, 0 for none.
func (c *bodyCodec) currentID() uint32 {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.current.id
}

// trainDict builds a dictionary from batch (encoded bodies of a batch on
// its way, which brings pending new bodies in all) and the newest bodies
// stored, if there are dictMinSamples of them together; stores it; and makes it the one new bodies use. A store
// that has one already keeps it. The builder may find nothing worth a
// dictionary in samples that are few or alike; then bodies stay zstd
// frames, which is no error, and this process does not try again.
func (s *Store) trainDict(ctx context.Context, batch [][]byte, pending int) error {
	c := &s.bodies
	c.training.Lock()
	defer c.training.Unlock()
	if !c.wantsDict() {
		return nil
	}
	samples := make([][]byte, 0, dictMaxSamples)
	for _, b := range batch[:min(len(batch), dictMaxSamples)] {
		samples = append(samples, b[:min(len(b), dictSampleMax)])
	}
	pending = max(pending, len(batch))
	enough := pending >= dictMinSamples
	err := s.db.View(ctx, func(tx *bolt.Tx) error {
		b := s.bucketsOf(tx)
		if !enough && b.content.Stats().KeyN+pending < dictMinSamples {
			return nil
		}
		enough = true
		cur := b.content.Cursor()
		for k, v := cur.Last(); k != nil && len(samples) < dictMaxSamples; k, v = cur.Prev() {
			raw, err := c.decompress(b.meta, v, -1)
			if err != nil {
				return fmt.Errorf("content/%x: %w", k, err)
			}
			samples = append(samples, raw[:min(len(raw), dictSampleMax)])
		}
		return nil
	})
	if err != nil || !enough {
		return err
	}
	raw, err := buildDict(samples, 1)
	if err == nil {
		var d *bodyDict
		if d, err = loadDict(blobZstdDict, raw); err == nil {
			d.close()
		}
	}
	if err != nil {
		c.mu.Lock()
		c.gaveUp = true
		c.mu.Unlock()
		return nil
	}
	var id uint32
	err = s.db.Update(ctx, func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if err := c.load(meta); err != nil || c.hasDict() {
			return err // another process's training won
		}
		id = 1
		return meta.Put(dictKey(id), raw)
	})
	if err != nil || id == 0 {
		return err
	}
	return s.db.View(ctx, func(tx *bolt.Tx) error { return c.load(tx.Bucket(bucketMeta)) })
}

// buildDict runs the dictionary builder, which is experimental, for a zstd
// dictionary with id: a panic in it is turned into an error, so that at
// worst the store goes on without a dictionary.
func buildDict(samples [][]byte, id uint32) (d []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("dictionary builder: %v", r)
		}
	}()
	d, err = dict.BuildZstdDict(samples, dict.Options{MaxDictSize: dictMaxSize, HashBytes: 6, ZstdDictID: id})
	if err == nil && len(d) == 0 {
		err = errors.New("dictionary builder: empty dictionary")
	}
	return d, err
}
