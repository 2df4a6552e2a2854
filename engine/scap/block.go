package scap

import (
	"errors"
	"fmt"
)

// Block types.
const (
	BlockSectionHeader = 0x0A0D0D0A

	BlockMachineInfo       = 0x201
	BlockMachineInfoLegacy = 0x8002ABCD

	BlockProcListV1       = 0x202
	BlockProcListV2       = 0x207
	BlockProcListV3       = 0x209
	BlockProcListV4       = 0x210
	BlockProcListV5       = 0x211
	BlockProcListV6       = 0x212
	BlockProcListV7       = 0x213
	BlockProcListV8       = 0x214
	BlockProcListV9       = 0x215
	BlockProcListV1Legacy = 0x8000ABCD
	BlockProcListV2Legacy = 0x8013ABCD
	BlockProcListV3Legacy = 0x8014ABCD

	BlockFDListV1       = 0x203
	BlockFDListV2       = 0x218
	BlockFDListV1Legacy = 0x8001ABCD

	BlockEventV1       = 0x204
	BlockEventV2       = 0x216
	BlockEventV2Large  = 0x221
	BlockEventV1Legacy = 0x8010ABCD

	BlockEventFlagsV1      = 0x208
	BlockEventFlagsV2      = 0x217
	BlockEventFlagsV2Large = 0x222

	BlockInterfaceListV1       = 0x205
	BlockInterfaceListV2       = 0x219
	BlockInterfaceListV1Legacy = 0x8011ABCD

	BlockUserListV1       = 0x206
	BlockUserListV2       = 0x220
	BlockUserListV1Legacy = 0x8012ABCD
)

// Magic is the section header's byte-order magic.
const Magic = 0x1A2B3C4D

// Dump flags of event-with-flags blocks.
const (
	DumpFlagStateOnly = 1 // the event was filtered out but kept because it changes state
	DumpFlagLarge     = 4
)

// BlockName names a block type, e.g. "EV V2" for 0x216; unknown types read "unknown".
func BlockName(t uint32) string {
	switch t {
	case BlockSectionHeader:
		return "section header"
	case BlockMachineInfo, BlockMachineInfoLegacy:
		return "machine info"
	case BlockProcListV1, BlockProcListV1Legacy:
		return "process list V1"
	case BlockProcListV2, BlockProcListV2Legacy:
		return "process list V2"
	case BlockProcListV3, BlockProcListV3Legacy:
		return "process list V3"
	case BlockProcListV4:
		return "process list V4"
	case BlockProcListV5:
		return "process list V5"
	case BlockProcListV6:
		return "process list V6"
	case BlockProcListV7:
		return "process list V7"
	case BlockProcListV8:
		return "process list V8"
	case BlockProcListV9:
		return "process list V9"
	case BlockFDListV1, BlockFDListV1Legacy:
		return "fd list V1"
	case BlockFDListV2:
		return "fd list V2"
	case BlockEventV1, BlockEventV1Legacy:
		return "event V1"
	case BlockEventV2:
		return "event V2"
	case BlockEventV2Large:
		return "event V2 large"
	case BlockEventFlagsV1:
		return "event with flags V1"
	case BlockEventFlagsV2:
		return "event with flags V2"
	case BlockEventFlagsV2Large:
		return "event with flags V2 large"
	case BlockInterfaceListV1, BlockInterfaceListV1Legacy:
		return "interface list V1"
	case BlockInterfaceListV2:
		return "interface list V2"
	case BlockUserListV1, BlockUserListV1Legacy:
		return "user list V1"
	case BlockUserListV2:
		return "user list V2"
	}
	return "unknown"
}

func isEventBlock(t uint32) bool {
	switch t {
	case BlockEventV1, BlockEventV1Legacy, BlockEventV2, BlockEventV2Large,
		BlockEventFlagsV1, BlockEventFlagsV2, BlockEventFlagsV2Large:
		return true
	}
	return false
}

// ErrFormat is matched (errors.Is) by every *FormatError.
var ErrFormat = errors.New("malformed scap file")

// FormatError reports a truncated or corrupt capture at a byte offset of the (decompressed) stream.
type FormatError struct {
	Offset int64  // offset of the block (or byte) at fault
	Block  uint32 // its block type, 0 if unknown
	Err    error
}

func (e *FormatError) Error() string {
	if e.Block != 0 {
		return fmt.Sprintf("read scap: offset %d: block 0x%x (%s): %v", e.Offset, e.Block, BlockName(e.Block), e.Err)
	}
	return fmt.Sprintf("read scap: offset %d: %v", e.Offset, e.Err)
}

func (e *FormatError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrFormat) true for every FormatError.
func (e *FormatError) Is(target error) bool { return target == ErrFormat }
