// Code generated from the falcosecurity/libs event table (libs e5c53d64 for codes 0-335, with the parameters
// current libs appended to them, and current libs for codes 336-429). Since libs went exit-only, exit events
// carry their enter event's parameters after their own, and enter events other than the TOCTOU ones (open,
// connect, creat, openat, openat2) are old versions. DO NOT EDIT except to follow libs: codes, names and
// parameter orders must stay identical to libs.

package event

// Event type codes (PPME_* in libs, without the prefix).
const (
	GenericE                Type = 0
	GenericX                Type = 1
	SyscallOpenE            Type = 2
	SyscallOpenX            Type = 3
	SyscallCloseE           Type = 4
	SyscallCloseX           Type = 5
	SyscallReadE            Type = 6
	SyscallReadX            Type = 7
	SyscallWriteE           Type = 8
	SyscallWriteX           Type = 9
	SyscallBrkV1E           Type = 10
	SyscallBrkV1X           Type = 11
	SyscallExecveV8E        Type = 12
	SyscallExecveV8X        Type = 13
	SyscallCloneV11E        Type = 14
	SyscallCloneV11X        Type = 15
	ProcexitE               Type = 16
	ProcexitX               Type = 17
	SocketSocketE           Type = 18
	SocketSocketX           Type = 19
	SocketBindE             Type = 20
	SocketBindX             Type = 21
	SocketConnectE          Type = 22
	SocketConnectX          Type = 23
	SocketListenE           Type = 24
	SocketListenX           Type = 25
	SocketAcceptE           Type = 26
	SocketAcceptX           Type = 27
	SocketSendE             Type = 28
	SocketSendX             Type = 29
	SocketSendtoE           Type = 30
	SocketSendtoX           Type = 31
	SocketRecvE             Type = 32
	SocketRecvX             Type = 33
	SocketRecvfromE         Type = 34
	SocketRecvfromX         Type = 35
	SocketShutdownE         Type = 36
	SocketShutdownX         Type = 37
	SocketGetsocknameE      Type = 38
	SocketGetsocknameX      Type = 39
	SocketGetpeernameE      Type = 40
	SocketGetpeernameX      Type = 41
	SocketSocketpairE       Type = 42
	SocketSocketpairX       Type = 43
	SocketSetsockoptE       Type = 44
	SocketSetsockoptX       Type = 45
	SocketGetsockoptE       Type = 46
	SocketGetsockoptX       Type = 47
	SocketSendmsgE          Type = 48
	SocketSendmsgX          Type = 49
	SocketSendmmsgE         Type = 50
	SocketSendmmsgX         Type = 51
	SocketRecvmsgE          Type = 52
	SocketRecvmsgX          Type = 53
	SocketRecvmmsgE         Type = 54
	SocketRecvmmsgX         Type = 55
	SocketAccept4E          Type = 56
	SocketAccept4X          Type = 57
	SyscallCreatE           Type = 58
	SyscallCreatX           Type = 59
	SyscallPipeE            Type = 60
	SyscallPipeX            Type = 61
	SyscallEventfdE         Type = 62
	SyscallEventfdX         Type = 63
	SyscallFutexE           Type = 64
	SyscallFutexX           Type = 65
	SyscallStatE            Type = 66
	SyscallStatX            Type = 67
	SyscallLstatE           Type = 68
	SyscallLstatX           Type = 69
	SyscallFstatE           Type = 70
	SyscallFstatX           Type = 71
	SyscallStat64E          Type = 72
	SyscallStat64X          Type = 73
	SyscallLstat64E         Type = 74
	SyscallLstat64X         Type = 75
	SyscallFstat64E         Type = 76
	SyscallFstat64X         Type = 77
	SyscallEpollwaitE       Type = 78
	SyscallEpollwaitX       Type = 79
	SyscallPollE            Type = 80
	SyscallPollX            Type = 81
	SyscallSelectE          Type = 82
	SyscallSelectX          Type = 83
	SyscallNewselectE       Type = 84
	SyscallNewselectX       Type = 85
	SyscallLseekE           Type = 86
	SyscallLseekX           Type = 87
	SyscallLlseekE          Type = 88
	SyscallLlseekX          Type = 89
	SyscallIoctlV2E         Type = 90
	SyscallIoctlV2X         Type = 91
	SyscallGetcwdE          Type = 92
	SyscallGetcwdX          Type = 93
	SyscallChdirE           Type = 94
	SyscallChdirX           Type = 95
	SyscallFchdirE          Type = 96
	SyscallFchdirX          Type = 97
	SyscallMkdirE           Type = 98
	SyscallMkdirX           Type = 99
	SyscallRmdirE           Type = 100
	SyscallRmdirX           Type = 101
	SyscallOpenatE          Type = 102
	SyscallOpenatX          Type = 103
	SyscallLinkE            Type = 104
	SyscallLinkX            Type = 105
	SyscallLinkatE          Type = 106
	SyscallLinkatX          Type = 107
	SyscallUnlinkE          Type = 108
	SyscallUnlinkX          Type = 109
	SyscallUnlinkatE        Type = 110
	SyscallUnlinkatX        Type = 111
	SyscallPreadE           Type = 112
	SyscallPreadX           Type = 113
	SyscallPwriteE          Type = 114
	SyscallPwriteX          Type = 115
	SyscallReadvE           Type = 116
	SyscallReadvX           Type = 117
	SyscallWritevE          Type = 118
	SyscallWritevX          Type = 119
	SyscallPreadvE          Type = 120
	SyscallPreadvX          Type = 121
	SyscallPwritevE         Type = 122
	SyscallPwritevX         Type = 123
	SyscallDupE             Type = 124
	SyscallDupX             Type = 125
	SyscallSignalfdE        Type = 126
	SyscallSignalfdX        Type = 127
	SyscallKillE            Type = 128
	SyscallKillX            Type = 129
	SyscallTkillE           Type = 130
	SyscallTkillX           Type = 131
	SyscallTgkillE          Type = 132
	SyscallTgkillX          Type = 133
	SyscallNanosleepE       Type = 134
	SyscallNanosleepX       Type = 135
	SyscallTimerfdCreateE   Type = 136
	SyscallTimerfdCreateX   Type = 137
	SyscallInotifyInitE     Type = 138
	SyscallInotifyInitX     Type = 139
	SyscallGetrlimitE       Type = 140
	SyscallGetrlimitX       Type = 141
	SyscallSetrlimitE       Type = 142
	SyscallSetrlimitX       Type = 143
	SyscallPrlimitE         Type = 144
	SyscallPrlimitX         Type = 145
	SchedswitchV1E          Type = 146
	SchedswitchV1X          Type = 147
	DropE                   Type = 148
	DropX                   Type = 149
	SyscallFcntlE           Type = 150
	SyscallFcntlX           Type = 151
	SchedswitchV6E          Type = 152
	SchedswitchV6X          Type = 153
	SyscallExecveV13E       Type = 154
	SyscallExecveV13X       Type = 155
	SyscallCloneV16E        Type = 156
	SyscallCloneV16X        Type = 157
	SyscallBrkV4E           Type = 158
	SyscallBrkV4X           Type = 159
	SyscallMmapE            Type = 160
	SyscallMmapX            Type = 161
	SyscallMmap2E           Type = 162
	SyscallMmap2X           Type = 163
	SyscallMunmapE          Type = 164
	SyscallMunmapX          Type = 165
	SyscallSpliceE          Type = 166
	SyscallSpliceX          Type = 167
	SyscallPtraceE          Type = 168
	SyscallPtraceX          Type = 169
	SyscallIoctlV3E         Type = 170
	SyscallIoctlV3X         Type = 171
	SyscallExecveV14E       Type = 172
	SyscallExecveV14X       Type = 173
	SyscallRenameE          Type = 174
	SyscallRenameX          Type = 175
	SyscallRenameatE        Type = 176
	SyscallRenameatX        Type = 177
	SyscallSymlinkE         Type = 178
	SyscallSymlinkX         Type = 179
	SyscallSymlinkatE       Type = 180
	SyscallSymlinkatX       Type = 181
	SyscallForkE            Type = 182
	SyscallForkX            Type = 183
	SyscallVforkE           Type = 184
	SyscallVforkX           Type = 185
	ProcexitV1E             Type = 186
	ProcexitV1X             Type = 187
	SyscallSendfileE        Type = 188
	SyscallSendfileX        Type = 189
	SyscallQuotactlE        Type = 190
	SyscallQuotactlX        Type = 191
	SyscallSetresuidE       Type = 192
	SyscallSetresuidX       Type = 193
	SyscallSetresgidE       Type = 194
	SyscallSetresgidX       Type = 195
	SysdigeventE            Type = 196
	SysdigeventX            Type = 197
	SyscallSetuidE          Type = 198
	SyscallSetuidX          Type = 199
	SyscallSetgidE          Type = 200
	SyscallSetgidX          Type = 201
	SyscallGetuidE          Type = 202
	SyscallGetuidX          Type = 203
	SyscallGeteuidE         Type = 204
	SyscallGeteuidX         Type = 205
	SyscallGetgidE          Type = 206
	SyscallGetgidX          Type = 207
	SyscallGetegidE         Type = 208
	SyscallGetegidX         Type = 209
	SyscallGetresuidE       Type = 210
	SyscallGetresuidX       Type = 211
	SyscallGetresgidE       Type = 212
	SyscallGetresgidX       Type = 213
	SyscallExecveV15E       Type = 214
	SyscallExecveV15X       Type = 215
	SyscallCloneV17E        Type = 216
	SyscallCloneV17X        Type = 217
	SyscallForkV17E         Type = 218
	SyscallForkV17X         Type = 219
	SyscallVforkV17E        Type = 220
	SyscallVforkV17X        Type = 221
	SyscallCloneV20E        Type = 222
	SyscallCloneV20X        Type = 223
	SyscallForkV20E         Type = 224
	SyscallForkV20X         Type = 225
	SyscallVforkV20E        Type = 226
	SyscallVforkV20X        Type = 227
	ContainerE              Type = 228
	ContainerX              Type = 229
	SyscallExecveV16E       Type = 230
	SyscallExecveV16X       Type = 231
	SignaldeliverE          Type = 232
	SignaldeliverX          Type = 233
	ProcinfoE               Type = 234
	ProcinfoX               Type = 235
	SyscallGetdentsE        Type = 236
	SyscallGetdentsX        Type = 237
	SyscallGetdents64E      Type = 238
	SyscallGetdents64X      Type = 239
	SyscallSetnsE           Type = 240
	SyscallSetnsX           Type = 241
	SyscallFlockE           Type = 242
	SyscallFlockX           Type = 243
	CpuHotplugE             Type = 244
	CpuHotplugX             Type = 245
	SocketAcceptV5E         Type = 246
	SocketAcceptV5X         Type = 247
	SocketAccept4V5E        Type = 248
	SocketAccept4V5X        Type = 249
	SyscallSemopE           Type = 250
	SyscallSemopX           Type = 251
	SyscallSemctlE          Type = 252
	SyscallSemctlX          Type = 253
	SyscallPpollE           Type = 254
	SyscallPpollX           Type = 255
	SyscallMountE           Type = 256
	SyscallMountX           Type = 257
	SyscallUmountE          Type = 258
	SyscallUmountX          Type = 259
	K8sE                    Type = 260
	K8sX                    Type = 261
	SyscallSemgetE          Type = 262
	SyscallSemgetX          Type = 263
	SyscallAccessE          Type = 264
	SyscallAccessX          Type = 265
	SyscallChrootE          Type = 266
	SyscallChrootX          Type = 267
	TracerE                 Type = 268
	TracerX                 Type = 269
	MesosE                  Type = 270
	MesosX                  Type = 271
	ContainerJsonE          Type = 272
	ContainerJsonX          Type = 273
	SyscallSetsidE          Type = 274
	SyscallSetsidX          Type = 275
	SyscallMkdirV2E         Type = 276
	SyscallMkdirV2X         Type = 277
	SyscallRmdirV2E         Type = 278
	SyscallRmdirV2X         Type = 279
	NotificationE           Type = 280
	NotificationX           Type = 281
	SyscallExecveV17E       Type = 282
	SyscallExecveV17X       Type = 283
	SyscallUnshareE         Type = 284
	SyscallUnshareX         Type = 285
	InfrastructureEventE    Type = 286
	InfrastructureEventX    Type = 287
	SyscallExecveV18E       Type = 288
	SyscallExecveV18X       Type = 289
	PageFaultE              Type = 290
	PageFaultX              Type = 291
	SyscallExecveV19E       Type = 292
	SyscallExecveV19X       Type = 293
	SyscallSetpgidE         Type = 294
	SyscallSetpgidX         Type = 295
	SyscallBpfE             Type = 296
	SyscallBpfX             Type = 297
	SyscallSeccompE         Type = 298
	SyscallSeccompX         Type = 299
	SyscallUnlinkV2E        Type = 300
	SyscallUnlinkV2X        Type = 301
	SyscallUnlinkatV2E      Type = 302
	SyscallUnlinkatV2X      Type = 303
	SyscallMkdiratE         Type = 304
	SyscallMkdiratX         Type = 305
	SyscallOpenatV2E        Type = 306
	SyscallOpenatV2X        Type = 307
	SyscallLinkV2E          Type = 308
	SyscallLinkV2X          Type = 309
	SyscallLinkatV2E        Type = 310
	SyscallLinkatV2X        Type = 311
	SyscallFchmodatE        Type = 312
	SyscallFchmodatX        Type = 313
	SyscallChmodE           Type = 314
	SyscallChmodX           Type = 315
	SyscallFchmodE          Type = 316
	SyscallFchmodX          Type = 317
	SyscallRenameat2E       Type = 318
	SyscallRenameat2X       Type = 319
	SyscallUserfaultfdE     Type = 320
	SyscallUserfaultfdX     Type = 321
	PlugineventE            Type = 322
	PlugineventX            Type = 323
	ContainerJsonV2E        Type = 324
	ContainerJsonV2X        Type = 325
	SyscallOpenat2E         Type = 326
	SyscallOpenat2X         Type = 327
	SyscallMprotectE        Type = 328
	SyscallMprotectX        Type = 329
	SyscallExecveatE        Type = 330
	SyscallExecveatX        Type = 331
	SyscallCopyFileRangeE   Type = 332
	SyscallCopyFileRangeX   Type = 333
	SyscallClone3E          Type = 334
	SyscallClone3X          Type = 335
	SyscallOpenByHandleAtE  Type = 336
	SyscallOpenByHandleAtX  Type = 337
	SyscallIoUringSetupE    Type = 338
	SyscallIoUringSetupX    Type = 339
	SyscallIoUringEnterE    Type = 340
	SyscallIoUringEnterX    Type = 341
	SyscallIoUringRegisterE Type = 342
	SyscallIoUringRegisterX Type = 343
	SyscallMlockE           Type = 344
	SyscallMlockX           Type = 345
	SyscallMunlockE         Type = 346
	SyscallMunlockX         Type = 347
	SyscallMlockallE        Type = 348
	SyscallMlockallX        Type = 349
	SyscallMunlockallE      Type = 350
	SyscallMunlockallX      Type = 351
	SyscallCapsetE          Type = 352
	SyscallCapsetX          Type = 353
	UserAddedE              Type = 354
	UserAddedX              Type = 355
	UserDeletedE            Type = 356
	UserDeletedX            Type = 357
	GroupAddedE             Type = 358
	GroupAddedX             Type = 359
	GroupDeletedE           Type = 360
	GroupDeletedX           Type = 361
	SyscallDup2E            Type = 362
	SyscallDup2X            Type = 363
	SyscallDup3E            Type = 364
	SyscallDup3X            Type = 365
	SyscallDupV1E           Type = 366
	SyscallDupV1X           Type = 367
	SyscallBpfV2E           Type = 368
	SyscallBpfV2X           Type = 369
	SyscallMlock2E          Type = 370
	SyscallMlock2X          Type = 371
	SyscallFsconfigE        Type = 372
	SyscallFsconfigX        Type = 373
	SyscallEpollCreateE     Type = 374
	SyscallEpollCreateX     Type = 375
	SyscallEpollCreate1E    Type = 376
	SyscallEpollCreate1X    Type = 377
	SyscallChownE           Type = 378
	SyscallChownX           Type = 379
	SyscallLchownE          Type = 380
	SyscallLchownX          Type = 381
	SyscallFchownE          Type = 382
	SyscallFchownX          Type = 383
	SyscallFchownatE        Type = 384
	SyscallFchownatX        Type = 385
	SyscallUmountV1E        Type = 386
	SyscallUmountV1X        Type = 387
	SocketAccept4V6E        Type = 388
	SocketAccept4V6X        Type = 389
	SyscallUmount2E         Type = 390
	SyscallUmount2X         Type = 391
	SyscallPipe2E           Type = 392
	SyscallPipe2X           Type = 393
	SyscallInotifyInit1E    Type = 394
	SyscallInotifyInit1X    Type = 395
	SyscallEventfd2E        Type = 396
	SyscallEventfd2X        Type = 397
	SyscallSignalfd4E       Type = 398
	SyscallSignalfd4X       Type = 399
	SyscallPrctlE           Type = 400
	SyscallPrctlX           Type = 401
	AsynceventE             Type = 402
	AsynceventX             Type = 403
	SyscallMemfdCreateE     Type = 404
	SyscallMemfdCreateX     Type = 405
	SyscallPidfdGetfdE      Type = 406
	SyscallPidfdGetfdX      Type = 407
	SyscallPidfdOpenE       Type = 408
	SyscallPidfdOpenX       Type = 409
	SyscallInitModuleE      Type = 410
	SyscallInitModuleX      Type = 411
	SyscallFinitModuleE     Type = 412
	SyscallFinitModuleX     Type = 413
	SyscallMknodE           Type = 414
	SyscallMknodX           Type = 415
	SyscallMknodatE         Type = 416
	SyscallMknodatX         Type = 417
	SyscallNewfstatatE      Type = 418
	SyscallNewfstatatX      Type = 419
	SyscallProcessVmReadvE  Type = 420
	SyscallProcessVmReadvX  Type = 421
	SyscallProcessVmWritevE Type = 422
	SyscallProcessVmWritevX Type = 423
	SyscallDeleteModuleE    Type = 424
	SyscallDeleteModuleX    Type = 425
	SyscallSetreuidE        Type = 426
	SyscallSetreuidX        Type = 427
	SyscallSetregidE        Type = 428
	SyscallSetregidX        Type = 429
)

// MaxType is one past the highest event type code in the table.
const MaxType Type = 430

var table = [MaxType]Info{
	GenericE: {Name: "syscall", Dir: Enter, Category: CategoryOther, Flags: FlagOldVersion, Params: []ParamInfo{
		{Name: "ID", Type: ParamSyscallID, Format: FormatDec},
		{Name: "nativeID", Type: ParamUint16, Format: FormatDec},
	}},
	GenericX: {Name: "syscall", Dir: Exit, Category: CategoryOther, Flags: 0, Params: []ParamInfo{
		{Name: "ID", Type: ParamSyscallID, Format: FormatDec},
		{Name: "nativeID", Type: ParamUint16, Format: FormatDec},
	}},
	SyscallOpenE: {Name: "open", Dir: Enter, Category: CategoryFile, Flags: FlagCreatesFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "name", Type: ParamFSPath, Format: FormatNA},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &FileFlags},
		{Name: "mode", Type: ParamUint32, Format: FormatOct},
	}},
	SyscallOpenX: {Name: "open", Dir: Exit, Category: CategoryFile, Flags: FlagCreatesFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "name", Type: ParamFSPath, Format: FormatNA},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &FileFlags},
		{Name: "mode", Type: ParamUint32, Format: FormatOct},
		{Name: "dev", Type: ParamUint32, Format: FormatHex},
		{Name: "ino", Type: ParamUint64, Format: FormatDec},
	}},
	SyscallCloseE: {Name: "close", Dir: Enter, Category: CategoryIOOther, Flags: FlagDestroysFD | FlagUsesFD | FlagModifiesState | FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
	}},
	SyscallCloseX: {Name: "close", Dir: Exit, Category: CategoryIOOther, Flags: FlagDestroysFD | FlagUsesFD | FlagModifiesState | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "fd", Type: ParamFD, Format: FormatDec},
	}},
	SyscallReadE: {Name: "read", Dir: Enter, Category: CategoryIORead, Flags: FlagUsesFD | FlagReadsFromFD | FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "size", Type: ParamUint32, Format: FormatDec},
	}},
	SyscallReadX: {Name: "read", Dir: Exit, Category: CategoryIORead, Flags: FlagUsesFD | FlagReadsFromFD | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "data", Type: ParamByteBuf, Format: FormatNA},
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "size", Type: ParamUint32, Format: FormatDec},
	}},
	SyscallWriteE: {Name: "write", Dir: Enter, Category: CategoryIOWrite, Flags: FlagUsesFD | FlagWritesToFD | FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "size", Type: ParamUint32, Format: FormatDec},
	}},
	SyscallWriteX: {Name: "write", Dir: Exit, Category: CategoryIOWrite, Flags: FlagUsesFD | FlagWritesToFD | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "data", Type: ParamByteBuf, Format: FormatNA},
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "size", Type: ParamUint32, Format: FormatDec},
	}},
	SyscallBrkV1E: {Name: "brk", Dir: Enter, Category: CategoryMemory, Flags: FlagOldVersion, Params: []ParamInfo{
		{Name: "size", Type: ParamUint32, Format: FormatDec},
	}},
	SyscallBrkV1X: {Name: "brk", Dir: Exit, Category: CategoryMemory, Flags: FlagOldVersion, Params: []ParamInfo{
		{Name: "res", Type: ParamUint64, Format: FormatHex},
	}},
	SyscallExecveV8E: {Name: "execve", Dir: Enter, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion},
	SyscallExecveV8X: {Name: "execve", Dir: Exit, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "exe", Type: ParamCharBuf, Format: FormatNA},
		{Name: "args", Type: ParamByteBuf, Format: FormatNA},
		{Name: "tid", Type: ParamPID, Format: FormatDec},
		{Name: "pid", Type: ParamPID, Format: FormatDec},
		{Name: "ptid", Type: ParamPID, Format: FormatDec},
		{Name: "cwd", Type: ParamCharBuf, Format: FormatNA},
		{Name: "fdlimit", Type: ParamUint64, Format: FormatDec},
	}},
	SyscallCloneV11E: {Name: "clone", Dir: Enter, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion},
	SyscallCloneV11X: {Name: "clone", Dir: Exit, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "res", Type: ParamPID, Format: FormatDec},
		{Name: "exe", Type: ParamCharBuf, Format: FormatNA},
		{Name: "args", Type: ParamByteBuf, Format: FormatNA},
		{Name: "tid", Type: ParamPID, Format: FormatDec},
		{Name: "pid", Type: ParamPID, Format: FormatDec},
		{Name: "ptid", Type: ParamPID, Format: FormatDec},
		{Name: "cwd", Type: ParamCharBuf, Format: FormatNA},
		{Name: "fdlimit", Type: ParamInt64, Format: FormatDec},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &CloneFlags},
		{Name: "uid", Type: ParamUint32, Format: FormatDec},
		{Name: "gid", Type: ParamUint32, Format: FormatDec},
	}},
	ProcexitE: {Name: "procexit", Dir: Enter, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion},
	ProcexitX: {Name: "NA1", Dir: Exit, Category: CategoryProcess, Flags: FlagUnused},
	SocketSocketE: {Name: "socket", Dir: Enter, Category: CategoryNet, Flags: FlagCreatesFD | FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "domain", Type: ParamFlags32, Format: FormatDec, Flags: &SocketFamilies},
		{Name: "type", Type: ParamUint32, Format: FormatDec},
		{Name: "proto", Type: ParamUint32, Format: FormatDec},
	}},
	SocketSocketX: {Name: "socket", Dir: Exit, Category: CategoryNet, Flags: FlagCreatesFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "domain", Type: ParamEnumFlags32, Format: FormatDec, Flags: &SocketFamilies},
		{Name: "type", Type: ParamUint32, Format: FormatDec},
		{Name: "proto", Type: ParamUint32, Format: FormatDec},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &FileFlags},
	}},
	SocketBindE: {Name: "bind", Dir: Enter, Category: CategoryNet, Flags: FlagUsesFD | FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
	}},
	SocketBindX: {Name: "bind", Dir: Exit, Category: CategoryNet, Flags: FlagUsesFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "addr", Type: ParamSockAddr, Format: FormatNA},
		{Name: "fd", Type: ParamFD, Format: FormatDec},
	}},
	SocketConnectE: {Name: "connect", Dir: Enter, Category: CategoryNet, Flags: FlagUsesFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "addr", Type: ParamSockAddr, Format: FormatNA},
	}},
	SocketConnectX: {Name: "connect", Dir: Exit, Category: CategoryNet, Flags: FlagUsesFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "tuple", Type: ParamSockTuple, Format: FormatNA},
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "addr", Type: ParamSockAddr, Format: FormatNA},
	}},
	SocketListenE: {Name: "listen", Dir: Enter, Category: CategoryNet, Flags: FlagUsesFD | FlagOldVersion, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "backlog", Type: ParamUint32, Format: FormatDec},
	}},
	SocketListenX: {Name: "listen", Dir: Exit, Category: CategoryNet, Flags: FlagUsesFD, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "backlog", Type: ParamInt32, Format: FormatDec},
	}},
	SocketAcceptE: {Name: "accept", Dir: Enter, Category: CategoryNet, Flags: FlagCreatesFD | FlagModifiesState | FlagOldVersion},
	SocketAcceptX: {Name: "accept", Dir: Exit, Category: CategoryNet, Flags: FlagCreatesFD | FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "tuple", Type: ParamSockTuple, Format: FormatNA},
		{Name: "queuepct", Type: ParamUint8, Format: FormatDec},
	}},
	SocketSendE: {Name: "send", Dir: Enter, Category: CategoryIOWrite, Flags: FlagUsesFD | FlagWritesToFD | FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "size", Type: ParamUint32, Format: FormatDec},
	}},
	SocketSendX: {Name: "send", Dir: Exit, Category: CategoryIOWrite, Flags: FlagUsesFD | FlagWritesToFD | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "data", Type: ParamByteBuf, Format: FormatNA},
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "size", Type: ParamUint32, Format: FormatDec},
	}},
	SocketSendtoE: {Name: "sendto", Dir: Enter, Category: CategoryIOWrite, Flags: FlagUsesFD | FlagWritesToFD | FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "size", Type: ParamUint32, Format: FormatDec},
		{Name: "tuple", Type: ParamSockTuple, Format: FormatNA},
	}},
	SocketSendtoX: {Name: "sendto", Dir: Exit, Category: CategoryIOWrite, Flags: FlagUsesFD | FlagWritesToFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "data", Type: ParamByteBuf, Format: FormatNA},
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "size", Type: ParamUint32, Format: FormatDec},
		{Name: "tuple", Type: ParamSockTuple, Format: FormatNA},
	}},
	SocketRecvE: {Name: "recv", Dir: Enter, Category: CategoryIORead, Flags: FlagUsesFD | FlagReadsFromFD | FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "size", Type: ParamUint32, Format: FormatDec},
	}},
	SocketRecvX: {Name: "recv", Dir: Exit, Category: CategoryIORead, Flags: FlagUsesFD | FlagReadsFromFD | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "data", Type: ParamByteBuf, Format: FormatNA},
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "size", Type: ParamUint32, Format: FormatDec},
	}},
	SocketRecvfromE: {Name: "recvfrom", Dir: Enter, Category: CategoryIORead, Flags: FlagUsesFD | FlagReadsFromFD | FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "size", Type: ParamUint32, Format: FormatDec},
	}},
	SocketRecvfromX: {Name: "recvfrom", Dir: Exit, Category: CategoryIORead, Flags: FlagUsesFD | FlagReadsFromFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "data", Type: ParamByteBuf, Format: FormatNA},
		{Name: "tuple", Type: ParamSockTuple, Format: FormatNA},
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "size", Type: ParamUint32, Format: FormatDec},
	}},
	SocketShutdownE: {Name: "shutdown", Dir: Enter, Category: CategoryNet, Flags: FlagUsesFD | FlagModifiesState | FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "how", Type: ParamFlags8, Format: FormatHex, Flags: &ShutdownHow},
	}},
	SocketShutdownX: {Name: "shutdown", Dir: Exit, Category: CategoryNet, Flags: FlagUsesFD | FlagModifiesState | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "how", Type: ParamFlags8, Format: FormatHex, Flags: &ShutdownHow},
	}},
	SocketGetsocknameE: {Name: "getsockname", Dir: Enter, Category: CategoryNet, Flags: FlagOldVersion | FlagDropSimpleCons},
	SocketGetsocknameX: {Name: "getsockname", Dir: Exit, Category: CategoryNet, Flags: FlagDropSimpleCons},
	SocketGetpeernameE: {Name: "getpeername", Dir: Enter, Category: CategoryNet, Flags: FlagOldVersion | FlagDropSimpleCons},
	SocketGetpeernameX: {Name: "getpeername", Dir: Exit, Category: CategoryNet, Flags: FlagDropSimpleCons},
	SocketSocketpairE: {Name: "socketpair", Dir: Enter, Category: CategoryIPC, Flags: FlagCreatesFD | FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "domain", Type: ParamFlags32, Format: FormatDec, Flags: &SocketFamilies},
		{Name: "type", Type: ParamUint32, Format: FormatDec},
		{Name: "proto", Type: ParamUint32, Format: FormatDec},
	}},
	SocketSocketpairX: {Name: "socketpair", Dir: Exit, Category: CategoryIPC, Flags: FlagCreatesFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "fd1", Type: ParamFD, Format: FormatDec},
		{Name: "fd2", Type: ParamFD, Format: FormatDec},
		{Name: "source", Type: ParamUint64, Format: FormatHex},
		{Name: "peer", Type: ParamUint64, Format: FormatHex},
		{Name: "domain", Type: ParamEnumFlags32, Format: FormatDec, Flags: &SocketFamilies},
		{Name: "type", Type: ParamUint32, Format: FormatDec},
		{Name: "proto", Type: ParamUint32, Format: FormatDec},
	}},
	SocketSetsockoptE: {Name: "setsockopt", Dir: Enter, Category: CategoryNet, Flags: FlagOldVersion},
	SocketSetsockoptX: {Name: "setsockopt", Dir: Exit, Category: CategoryNet, Flags: FlagUsesFD, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "level", Type: ParamFlags8, Format: FormatDec, Flags: &SockoptLevels},
		{Name: "optname", Type: ParamFlags8, Format: FormatDec, Flags: &SockoptOptions},
		{Name: "val", Type: ParamDyn, Format: FormatDec, Dyn: SockoptDynamicParam},
		{Name: "optlen", Type: ParamUint32, Format: FormatDec},
	}},
	SocketGetsockoptE: {Name: "getsockopt", Dir: Enter, Category: CategoryNet, Flags: FlagModifiesState | FlagOldVersion | FlagDropSimpleCons},
	SocketGetsockoptX: {Name: "getsockopt", Dir: Exit, Category: CategoryNet, Flags: FlagUsesFD | FlagModifiesState | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "level", Type: ParamFlags8, Format: FormatDec, Flags: &SockoptLevels},
		{Name: "optname", Type: ParamFlags8, Format: FormatDec, Flags: &SockoptOptions},
		{Name: "val", Type: ParamDyn, Format: FormatDec, Dyn: SockoptDynamicParam},
		{Name: "optlen", Type: ParamUint32, Format: FormatDec},
	}},
	SocketSendmsgE: {Name: "sendmsg", Dir: Enter, Category: CategoryIOWrite, Flags: FlagUsesFD | FlagWritesToFD | FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "size", Type: ParamUint32, Format: FormatDec},
		{Name: "tuple", Type: ParamSockTuple, Format: FormatNA},
	}},
	SocketSendmsgX: {Name: "sendmsg", Dir: Exit, Category: CategoryIOWrite, Flags: FlagUsesFD | FlagWritesToFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "data", Type: ParamByteBuf, Format: FormatNA},
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "size", Type: ParamUint32, Format: FormatDec},
		{Name: "tuple", Type: ParamSockTuple, Format: FormatNA},
	}},
	SocketSendmmsgE: {Name: "sendmmsg", Dir: Enter, Category: CategoryIOWrite, Flags: FlagOldVersion | FlagDropSimpleCons},
	SocketSendmmsgX: {Name: "sendmmsg", Dir: Exit, Category: CategoryIOWrite, Flags: FlagDropSimpleCons},
	SocketRecvmsgE: {Name: "recvmsg", Dir: Enter, Category: CategoryIORead, Flags: FlagUsesFD | FlagReadsFromFD | FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
	}},
	SocketRecvmsgX: {Name: "recvmsg", Dir: Exit, Category: CategoryIORead, Flags: FlagUsesFD | FlagReadsFromFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "size", Type: ParamUint32, Format: FormatDec},
		{Name: "data", Type: ParamByteBuf, Format: FormatNA},
		{Name: "tuple", Type: ParamSockTuple, Format: FormatNA},
		{Name: "msgcontrol", Type: ParamByteBuf, Format: FormatNA},
		{Name: "fd", Type: ParamFD, Format: FormatDec},
	}},
	SocketRecvmmsgE: {Name: "recvmmsg", Dir: Enter, Category: CategoryIORead, Flags: FlagOldVersion | FlagDropSimpleCons},
	SocketRecvmmsgX: {Name: "recvmmsg", Dir: Exit, Category: CategoryIORead, Flags: FlagDropSimpleCons},
	SocketAccept4E: {Name: "accept", Dir: Enter, Category: CategoryNet, Flags: FlagCreatesFD | FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "flags", Type: ParamInt32, Format: FormatHex},
	}},
	SocketAccept4X: {Name: "accept", Dir: Exit, Category: CategoryNet, Flags: FlagCreatesFD | FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "tuple", Type: ParamSockTuple, Format: FormatNA},
		{Name: "queuepct", Type: ParamUint8, Format: FormatDec},
	}},
	SyscallCreatE: {Name: "creat", Dir: Enter, Category: CategoryFile, Flags: FlagCreatesFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "name", Type: ParamFSPath, Format: FormatNA},
		{Name: "mode", Type: ParamUint32, Format: FormatOct},
	}},
	SyscallCreatX: {Name: "creat", Dir: Exit, Category: CategoryFile, Flags: FlagCreatesFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "name", Type: ParamFSPath, Format: FormatNA},
		{Name: "mode", Type: ParamUint32, Format: FormatOct},
		{Name: "dev", Type: ParamUint32, Format: FormatHex},
		{Name: "ino", Type: ParamUint64, Format: FormatDec},
		{Name: "creat_flags", Type: ParamFlags16, Format: FormatHex, Flags: &CreatFlags},
	}},
	SyscallPipeE: {Name: "pipe", Dir: Enter, Category: CategoryIPC, Flags: FlagCreatesFD | FlagModifiesState | FlagOldVersion},
	SyscallPipeX: {Name: "pipe", Dir: Exit, Category: CategoryIPC, Flags: FlagCreatesFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "fd1", Type: ParamFD, Format: FormatDec},
		{Name: "fd2", Type: ParamFD, Format: FormatDec},
		{Name: "ino", Type: ParamUint64, Format: FormatDec},
	}},
	SyscallEventfdE: {Name: "eventfd", Dir: Enter, Category: CategoryIPC, Flags: FlagCreatesFD | FlagModifiesState | FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "initval", Type: ParamUint64, Format: FormatDec},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex},
	}},
	SyscallEventfdX: {Name: "eventfd", Dir: Exit, Category: CategoryIPC, Flags: FlagCreatesFD | FlagModifiesState | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamFD, Format: FormatDec},
		{Name: "initval", Type: ParamUint64, Format: FormatDec},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex},
	}},
	SyscallFutexE: {Name: "futex", Dir: Enter, Category: CategoryIPC, Flags: FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "addr", Type: ParamUint64, Format: FormatHex},
		{Name: "op", Type: ParamFlags16, Format: FormatHex, Flags: &FutexOperations},
		{Name: "val", Type: ParamUint64, Format: FormatDec},
	}},
	SyscallFutexX: {Name: "futex", Dir: Exit, Category: CategoryIPC, Flags: FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "addr", Type: ParamUint64, Format: FormatHex},
		{Name: "op", Type: ParamFlags16, Format: FormatHex, Flags: &FutexOperations},
		{Name: "val", Type: ParamUint64, Format: FormatDec},
	}},
	SyscallStatE: {Name: "stat", Dir: Enter, Category: CategoryFile, Flags: FlagOldVersion | FlagDropSimpleCons},
	SyscallStatX: {Name: "stat", Dir: Exit, Category: CategoryFile, Flags: FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "path", Type: ParamFSPath, Format: FormatNA},
	}},
	SyscallLstatE: {Name: "lstat", Dir: Enter, Category: CategoryFile, Flags: FlagOldVersion | FlagDropSimpleCons},
	SyscallLstatX: {Name: "lstat", Dir: Exit, Category: CategoryFile, Flags: FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "path", Type: ParamFSPath, Format: FormatNA},
	}},
	SyscallFstatE: {Name: "fstat", Dir: Enter, Category: CategoryFile, Flags: FlagUsesFD | FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatNA},
	}},
	SyscallFstatX: {Name: "fstat", Dir: Exit, Category: CategoryFile, Flags: FlagUsesFD | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "fd", Type: ParamFD, Format: FormatNA},
	}},
	SyscallStat64E: {Name: "stat64", Dir: Enter, Category: CategoryFile, Flags: FlagOldVersion | FlagDropSimpleCons},
	SyscallStat64X: {Name: "stat64", Dir: Exit, Category: CategoryFile, Flags: FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "path", Type: ParamFSPath, Format: FormatNA},
	}},
	SyscallLstat64E: {Name: "lstat64", Dir: Enter, Category: CategoryFile, Flags: FlagOldVersion | FlagDropSimpleCons},
	SyscallLstat64X: {Name: "lstat64", Dir: Exit, Category: CategoryFile, Flags: FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "path", Type: ParamFSPath, Format: FormatNA},
	}},
	SyscallFstat64E: {Name: "fstat64", Dir: Enter, Category: CategoryFile, Flags: FlagUsesFD | FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatNA},
	}},
	SyscallFstat64X: {Name: "fstat64", Dir: Exit, Category: CategoryFile, Flags: FlagUsesFD | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "fd", Type: ParamFD, Format: FormatNA},
	}},
	SyscallEpollwaitE: {Name: "epoll_wait", Dir: Enter, Category: CategoryWait, Flags: FlagWaits | FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "maxevents", Type: ParamErrno, Format: FormatDec},
	}},
	SyscallEpollwaitX: {Name: "epoll_wait", Dir: Exit, Category: CategoryWait, Flags: FlagWaits | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "maxevents", Type: ParamErrno, Format: FormatDec},
	}},
	SyscallPollE: {Name: "poll", Dir: Enter, Category: CategoryWait, Flags: FlagWaits | FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "fds", Type: ParamFDList, Format: FormatDec},
		{Name: "timeout", Type: ParamInt64, Format: FormatDec},
	}},
	SyscallPollX: {Name: "poll", Dir: Exit, Category: CategoryWait, Flags: FlagWaits | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "fds", Type: ParamFDList, Format: FormatDec},
		{Name: "timeout", Type: ParamInt64, Format: FormatDec},
	}},
	SyscallSelectE: {Name: "select", Dir: Enter, Category: CategoryWait, Flags: FlagWaits | FlagOldVersion | FlagDropSimpleCons},
	SyscallSelectX: {Name: "select", Dir: Exit, Category: CategoryWait, Flags: FlagWaits | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
	}},
	SyscallNewselectE: {Name: "select", Dir: Enter, Category: CategoryWait, Flags: FlagWaits | FlagOldVersion | FlagDropSimpleCons},
	SyscallNewselectX: {Name: "select", Dir: Exit, Category: CategoryWait, Flags: FlagWaits | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
	}},
	SyscallLseekE: {Name: "lseek", Dir: Enter, Category: CategoryFile, Flags: FlagUsesFD | FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "offset", Type: ParamUint64, Format: FormatDec},
		{Name: "whence", Type: ParamFlags8, Format: FormatDec, Flags: &LseekWhence},
	}},
	SyscallLseekX: {Name: "lseek", Dir: Exit, Category: CategoryFile, Flags: FlagUsesFD | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "offset", Type: ParamUint64, Format: FormatDec},
		{Name: "whence", Type: ParamFlags8, Format: FormatDec, Flags: &LseekWhence},
	}},
	SyscallLlseekE: {Name: "llseek", Dir: Enter, Category: CategoryFile, Flags: FlagUsesFD | FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "offset", Type: ParamUint64, Format: FormatDec},
		{Name: "whence", Type: ParamFlags8, Format: FormatDec, Flags: &LseekWhence},
	}},
	SyscallLlseekX: {Name: "llseek", Dir: Exit, Category: CategoryFile, Flags: FlagUsesFD | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "offset", Type: ParamUint64, Format: FormatDec},
		{Name: "whence", Type: ParamFlags8, Format: FormatDec, Flags: &LseekWhence},
	}},
	SyscallIoctlV2E: {Name: "ioctl", Dir: Enter, Category: CategoryIOOther, Flags: FlagUsesFD | FlagOldVersion, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "request", Type: ParamUint64, Format: FormatHex},
	}},
	SyscallIoctlV2X: {Name: "ioctl", Dir: Exit, Category: CategoryIOOther, Flags: FlagUsesFD | FlagOldVersion, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
	}},
	SyscallGetcwdE: {Name: "getcwd", Dir: Enter, Category: CategoryFile, Flags: FlagOldVersion | FlagDropSimpleCons},
	SyscallGetcwdX: {Name: "getcwd", Dir: Exit, Category: CategoryFile, Flags: FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "path", Type: ParamCharBuf, Format: FormatNA},
	}},
	SyscallChdirE: {Name: "chdir", Dir: Enter, Category: CategoryFile, Flags: FlagModifiesState | FlagOldVersion},
	SyscallChdirX: {Name: "chdir", Dir: Exit, Category: CategoryFile, Flags: FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "path", Type: ParamCharBuf, Format: FormatNA},
	}},
	SyscallFchdirE: {Name: "fchdir", Dir: Enter, Category: CategoryFile, Flags: FlagUsesFD | FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatNA},
	}},
	SyscallFchdirX: {Name: "fchdir", Dir: Exit, Category: CategoryFile, Flags: FlagUsesFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "fd", Type: ParamFD, Format: FormatNA},
	}},
	SyscallMkdirE: {Name: "mkdir", Dir: Enter, Category: CategoryFile, Flags: FlagOldVersion, Params: []ParamInfo{
		{Name: "path", Type: ParamFSPath, Format: FormatNA},
		{Name: "mode", Type: ParamUint32, Format: FormatHex},
	}},
	SyscallMkdirX: {Name: "mkdir", Dir: Exit, Category: CategoryFile, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "path", Type: ParamFSPath, Format: FormatNA},
		{Name: "mode", Type: ParamUint32, Format: FormatHex},
	}},
	SyscallRmdirE: {Name: "rmdir", Dir: Enter, Category: CategoryFile, Flags: FlagOldVersion, Params: []ParamInfo{
		{Name: "path", Type: ParamFSPath, Format: FormatNA},
	}},
	SyscallRmdirX: {Name: "rmdir", Dir: Exit, Category: CategoryFile, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "path", Type: ParamFSPath, Format: FormatNA},
	}},
	SyscallOpenatE: {Name: "openat", Dir: Enter, Category: CategoryFile, Flags: FlagCreatesFD | FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "dirfd", Type: ParamFD, Format: FormatDec},
		{Name: "name", Type: ParamCharBuf, Format: FormatNA},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &FileFlags},
		{Name: "mode", Type: ParamUint32, Format: FormatOct},
	}},
	SyscallOpenatX: {Name: "openat", Dir: Exit, Category: CategoryFile, Flags: FlagCreatesFD | FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
	}},
	SyscallLinkE: {Name: "link", Dir: Enter, Category: CategoryFile, Flags: FlagOldVersion, Params: []ParamInfo{
		{Name: "oldpath", Type: ParamFSPath, Format: FormatNA},
		{Name: "newpath", Type: ParamFSPath, Format: FormatNA},
	}},
	SyscallLinkX: {Name: "link", Dir: Exit, Category: CategoryFile, Flags: FlagOldVersion, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
	}},
	SyscallLinkatE: {Name: "linkat", Dir: Enter, Category: CategoryFile, Flags: FlagOldVersion, Params: []ParamInfo{
		{Name: "olddir", Type: ParamFD, Format: FormatDec},
		{Name: "oldpath", Type: ParamCharBuf, Format: FormatNA},
		{Name: "newdir", Type: ParamFD, Format: FormatDec},
		{Name: "newpath", Type: ParamCharBuf, Format: FormatNA},
	}},
	SyscallLinkatX: {Name: "linkat", Dir: Exit, Category: CategoryFile, Flags: FlagOldVersion, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
	}},
	SyscallUnlinkE: {Name: "unlink", Dir: Enter, Category: CategoryFile, Flags: FlagOldVersion, Params: []ParamInfo{
		{Name: "path", Type: ParamFSPath, Format: FormatNA},
	}},
	SyscallUnlinkX: {Name: "unlink", Dir: Exit, Category: CategoryFile, Flags: FlagOldVersion, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
	}},
	SyscallUnlinkatE: {Name: "unlinkat", Dir: Enter, Category: CategoryFile, Flags: FlagOldVersion, Params: []ParamInfo{
		{Name: "dirfd", Type: ParamFD, Format: FormatDec},
		{Name: "name", Type: ParamCharBuf, Format: FormatNA},
	}},
	SyscallUnlinkatX: {Name: "unlinkat", Dir: Exit, Category: CategoryFile, Flags: FlagOldVersion, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
	}},
	SyscallPreadE: {Name: "pread", Dir: Enter, Category: CategoryIORead, Flags: FlagUsesFD | FlagReadsFromFD | FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "size", Type: ParamUint32, Format: FormatDec},
		{Name: "pos", Type: ParamUint64, Format: FormatDec},
	}},
	SyscallPreadX: {Name: "pread", Dir: Exit, Category: CategoryIORead, Flags: FlagUsesFD | FlagReadsFromFD | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "data", Type: ParamByteBuf, Format: FormatNA},
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "size", Type: ParamUint32, Format: FormatDec},
		{Name: "pos", Type: ParamUint64, Format: FormatDec},
	}},
	SyscallPwriteE: {Name: "pwrite", Dir: Enter, Category: CategoryIOWrite, Flags: FlagUsesFD | FlagWritesToFD | FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "size", Type: ParamUint32, Format: FormatDec},
		{Name: "pos", Type: ParamUint64, Format: FormatDec},
	}},
	SyscallPwriteX: {Name: "pwrite", Dir: Exit, Category: CategoryIOWrite, Flags: FlagUsesFD | FlagWritesToFD | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "data", Type: ParamByteBuf, Format: FormatNA},
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "size", Type: ParamUint32, Format: FormatDec},
		{Name: "pos", Type: ParamUint64, Format: FormatDec},
	}},
	SyscallReadvE: {Name: "readv", Dir: Enter, Category: CategoryIORead, Flags: FlagUsesFD | FlagReadsFromFD | FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
	}},
	SyscallReadvX: {Name: "readv", Dir: Exit, Category: CategoryIORead, Flags: FlagUsesFD | FlagReadsFromFD | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "size", Type: ParamUint32, Format: FormatDec},
		{Name: "data", Type: ParamByteBuf, Format: FormatNA},
		{Name: "fd", Type: ParamFD, Format: FormatDec},
	}},
	SyscallWritevE: {Name: "writev", Dir: Enter, Category: CategoryIOWrite, Flags: FlagUsesFD | FlagWritesToFD | FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "size", Type: ParamUint32, Format: FormatDec},
	}},
	SyscallWritevX: {Name: "writev", Dir: Exit, Category: CategoryIOWrite, Flags: FlagUsesFD | FlagWritesToFD | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "data", Type: ParamByteBuf, Format: FormatNA},
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "size", Type: ParamUint32, Format: FormatDec},
	}},
	SyscallPreadvE: {Name: "preadv", Dir: Enter, Category: CategoryIORead, Flags: FlagUsesFD | FlagReadsFromFD | FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "pos", Type: ParamUint64, Format: FormatDec},
	}},
	SyscallPreadvX: {Name: "preadv", Dir: Exit, Category: CategoryIORead, Flags: FlagUsesFD | FlagReadsFromFD | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "size", Type: ParamUint32, Format: FormatDec},
		{Name: "data", Type: ParamByteBuf, Format: FormatNA},
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "pos", Type: ParamUint64, Format: FormatDec},
	}},
	SyscallPwritevE: {Name: "pwritev", Dir: Enter, Category: CategoryIOWrite, Flags: FlagUsesFD | FlagWritesToFD | FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "size", Type: ParamUint32, Format: FormatDec},
		{Name: "pos", Type: ParamUint64, Format: FormatDec},
	}},
	SyscallPwritevX: {Name: "pwritev", Dir: Exit, Category: CategoryIOWrite, Flags: FlagUsesFD | FlagWritesToFD | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "data", Type: ParamByteBuf, Format: FormatNA},
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "size", Type: ParamUint32, Format: FormatDec},
		{Name: "pos", Type: ParamUint64, Format: FormatDec},
	}},
	SyscallDupE: {Name: "dup", Dir: Enter, Category: CategoryIOOther, Flags: FlagCreatesFD | FlagUsesFD | FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
	}},
	SyscallDupX: {Name: "dup", Dir: Exit, Category: CategoryIOOther, Flags: FlagCreatesFD | FlagUsesFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamFD, Format: FormatDec},
		{Name: "fd", Type: ParamFD, Format: FormatDec},
	}},
	SyscallSignalfdE: {Name: "signalfd", Dir: Enter, Category: CategorySignal, Flags: FlagCreatesFD | FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "mask", Type: ParamUint32, Format: FormatHex},
		{Name: "flags", Type: ParamFlags8, Format: FormatHex},
	}},
	SyscallSignalfdX: {Name: "signalfd", Dir: Exit, Category: CategorySignal, Flags: FlagCreatesFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamFD, Format: FormatDec},
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "mask", Type: ParamUint32, Format: FormatHex},
		{Name: "flags", Type: ParamFlags8, Format: FormatHex},
	}},
	SyscallKillE: {Name: "kill", Dir: Enter, Category: CategorySignal, Flags: FlagOldVersion, Params: []ParamInfo{
		{Name: "pid", Type: ParamPID, Format: FormatDec},
		{Name: "sig", Type: ParamSigType, Format: FormatDec},
	}},
	SyscallKillX: {Name: "kill", Dir: Exit, Category: CategorySignal, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "pid", Type: ParamPID, Format: FormatDec},
		{Name: "sig", Type: ParamSigType, Format: FormatDec},
	}},
	SyscallTkillE: {Name: "tkill", Dir: Enter, Category: CategorySignal, Flags: FlagOldVersion, Params: []ParamInfo{
		{Name: "tid", Type: ParamPID, Format: FormatDec},
		{Name: "sig", Type: ParamSigType, Format: FormatDec},
	}},
	SyscallTkillX: {Name: "tkill", Dir: Exit, Category: CategorySignal, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "tid", Type: ParamPID, Format: FormatDec},
		{Name: "sig", Type: ParamSigType, Format: FormatDec},
	}},
	SyscallTgkillE: {Name: "tgkill", Dir: Enter, Category: CategorySignal, Flags: FlagOldVersion, Params: []ParamInfo{
		{Name: "pid", Type: ParamPID, Format: FormatDec},
		{Name: "tid", Type: ParamPID, Format: FormatDec},
		{Name: "sig", Type: ParamSigType, Format: FormatDec},
	}},
	SyscallTgkillX: {Name: "tgkill", Dir: Exit, Category: CategorySignal, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "pid", Type: ParamPID, Format: FormatDec},
		{Name: "tid", Type: ParamPID, Format: FormatDec},
		{Name: "sig", Type: ParamSigType, Format: FormatDec},
	}},
	SyscallNanosleepE: {Name: "nanosleep", Dir: Enter, Category: CategorySleep, Flags: FlagWaits | FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "interval", Type: ParamRelTime, Format: FormatDec},
	}},
	SyscallNanosleepX: {Name: "nanosleep", Dir: Exit, Category: CategorySleep, Flags: FlagWaits | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "interval", Type: ParamRelTime, Format: FormatDec},
	}},
	SyscallTimerfdCreateE: {Name: "timerfd_create", Dir: Enter, Category: CategoryTime, Flags: FlagCreatesFD | FlagModifiesState | FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "clockid", Type: ParamUint8, Format: FormatDec},
		{Name: "flags", Type: ParamFlags8, Format: FormatHex},
	}},
	SyscallTimerfdCreateX: {Name: "timerfd_create", Dir: Exit, Category: CategoryTime, Flags: FlagCreatesFD | FlagModifiesState | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamFD, Format: FormatDec},
		{Name: "clockid", Type: ParamUint8, Format: FormatDec},
		{Name: "flags", Type: ParamFlags8, Format: FormatHex},
	}},
	SyscallInotifyInitE: {Name: "inotify_init", Dir: Enter, Category: CategoryIPC, Flags: FlagCreatesFD | FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "flags", Type: ParamFlags8, Format: FormatHex},
	}},
	SyscallInotifyInitX: {Name: "inotify_init", Dir: Exit, Category: CategoryIPC, Flags: FlagCreatesFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamFD, Format: FormatDec},
		{Name: "flags", Type: ParamFlags8, Format: FormatHex},
	}},
	SyscallGetrlimitE: {Name: "getrlimit", Dir: Enter, Category: CategoryProcess, Flags: FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "resource", Type: ParamFlags8, Format: FormatDec, Flags: &RlimitResources},
	}},
	SyscallGetrlimitX: {Name: "getrlimit", Dir: Exit, Category: CategoryProcess, Flags: FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "cur", Type: ParamInt64, Format: FormatDec},
		{Name: "max", Type: ParamInt64, Format: FormatDec},
		{Name: "resource", Type: ParamFlags8, Format: FormatDec, Flags: &RlimitResources},
	}},
	SyscallSetrlimitE: {Name: "setrlimit", Dir: Enter, Category: CategoryProcess, Flags: FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "resource", Type: ParamFlags8, Format: FormatDec, Flags: &RlimitResources},
	}},
	SyscallSetrlimitX: {Name: "setrlimit", Dir: Exit, Category: CategoryProcess, Flags: FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "cur", Type: ParamInt64, Format: FormatDec},
		{Name: "max", Type: ParamInt64, Format: FormatDec},
		{Name: "resource", Type: ParamFlags8, Format: FormatDec, Flags: &RlimitResources},
	}},
	SyscallPrlimitE: {Name: "prlimit", Dir: Enter, Category: CategoryProcess, Flags: FlagOldVersion, Params: []ParamInfo{
		{Name: "pid", Type: ParamPID, Format: FormatDec},
		{Name: "resource", Type: ParamFlags8, Format: FormatDec, Flags: &RlimitResources},
	}},
	SyscallPrlimitX: {Name: "prlimit", Dir: Exit, Category: CategoryProcess, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "newcur", Type: ParamInt64, Format: FormatDec},
		{Name: "newmax", Type: ParamInt64, Format: FormatDec},
		{Name: "oldcur", Type: ParamInt64, Format: FormatDec},
		{Name: "oldmax", Type: ParamInt64, Format: FormatDec},
		{Name: "pid", Type: ParamPID, Format: FormatDec},
		{Name: "resource", Type: ParamFlags8, Format: FormatDec, Flags: &RlimitResources},
	}},
	SchedswitchV1E: {Name: "switch", Dir: Enter, Category: CategoryScheduler, Flags: FlagSkipParseReset | FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "next", Type: ParamPID, Format: FormatDec},
	}},
	SchedswitchV1X: {Name: "NA2", Dir: Exit, Category: CategoryScheduler, Flags: FlagUnused | FlagSkipParseReset | FlagOldVersion},
	DropE: {Name: "drop", Dir: Enter, Category: CategoryInternal, Flags: FlagSkipParseReset, Params: []ParamInfo{
		{Name: "ratio", Type: ParamUint32, Format: FormatDec},
	}},
	DropX: {Name: "drop", Dir: Exit, Category: CategoryInternal, Flags: FlagSkipParseReset, Params: []ParamInfo{
		{Name: "ratio", Type: ParamUint32, Format: FormatDec},
	}},
	SyscallFcntlE: {Name: "fcntl", Dir: Enter, Category: CategoryIOOther, Flags: FlagUsesFD | FlagModifiesState | FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "cmd", Type: ParamFlags8, Format: FormatDec, Flags: &FcntlCommands},
	}},
	SyscallFcntlX: {Name: "fcntl", Dir: Exit, Category: CategoryIOOther, Flags: FlagUsesFD | FlagModifiesState | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamFD, Format: FormatDec},
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "cmd", Type: ParamFlags8, Format: FormatDec, Flags: &FcntlCommands},
	}},
	SchedswitchV6E: {Name: "switch", Dir: Enter, Category: CategoryScheduler, Flags: FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "next", Type: ParamPID, Format: FormatDec},
		{Name: "pgft_maj", Type: ParamUint64, Format: FormatDec},
		{Name: "pgft_min", Type: ParamUint64, Format: FormatDec},
		{Name: "vm_size", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_rss", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_swap", Type: ParamUint32, Format: FormatDec},
	}},
	SchedswitchV6X:    {Name: "NA2", Dir: Exit, Category: CategoryScheduler, Flags: FlagUnused},
	SyscallExecveV13E: {Name: "execve", Dir: Enter, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion},
	SyscallExecveV13X: {Name: "execve", Dir: Exit, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "exe", Type: ParamCharBuf, Format: FormatNA},
		{Name: "args", Type: ParamByteBuf, Format: FormatNA},
		{Name: "tid", Type: ParamPID, Format: FormatDec},
		{Name: "pid", Type: ParamPID, Format: FormatDec},
		{Name: "ptid", Type: ParamPID, Format: FormatDec},
		{Name: "cwd", Type: ParamCharBuf, Format: FormatNA},
		{Name: "fdlimit", Type: ParamUint64, Format: FormatDec},
		{Name: "pgft_maj", Type: ParamUint64, Format: FormatDec},
		{Name: "pgft_min", Type: ParamUint64, Format: FormatDec},
		{Name: "vm_size", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_rss", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_swap", Type: ParamUint32, Format: FormatDec},
	}},
	SyscallCloneV16E: {Name: "clone", Dir: Enter, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion},
	SyscallCloneV16X: {Name: "clone", Dir: Exit, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "res", Type: ParamPID, Format: FormatDec},
		{Name: "exe", Type: ParamCharBuf, Format: FormatNA},
		{Name: "args", Type: ParamByteBuf, Format: FormatNA},
		{Name: "tid", Type: ParamPID, Format: FormatDec},
		{Name: "pid", Type: ParamPID, Format: FormatDec},
		{Name: "ptid", Type: ParamPID, Format: FormatDec},
		{Name: "cwd", Type: ParamCharBuf, Format: FormatNA},
		{Name: "fdlimit", Type: ParamInt64, Format: FormatDec},
		{Name: "pgft_maj", Type: ParamUint64, Format: FormatDec},
		{Name: "pgft_min", Type: ParamUint64, Format: FormatDec},
		{Name: "vm_size", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_rss", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_swap", Type: ParamUint32, Format: FormatDec},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &CloneFlags},
		{Name: "uid", Type: ParamUint32, Format: FormatDec},
		{Name: "gid", Type: ParamUint32, Format: FormatDec},
	}},
	SyscallBrkV4E: {Name: "brk", Dir: Enter, Category: CategoryMemory, Flags: FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "addr", Type: ParamUint64, Format: FormatHex},
	}},
	SyscallBrkV4X: {Name: "brk", Dir: Exit, Category: CategoryMemory, Flags: FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamUint64, Format: FormatHex},
		{Name: "vm_size", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_rss", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_swap", Type: ParamUint32, Format: FormatDec},
		{Name: "addr", Type: ParamUint64, Format: FormatHex},
	}},
	SyscallMmapE: {Name: "mmap", Dir: Enter, Category: CategoryMemory, Flags: FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "addr", Type: ParamUint64, Format: FormatHex},
		{Name: "length", Type: ParamUint64, Format: FormatDec},
		{Name: "prot", Type: ParamFlags32, Format: FormatHex, Flags: &ProtFlags},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &MmapFlags},
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "offset", Type: ParamUint64, Format: FormatDec},
	}},
	SyscallMmapX: {Name: "mmap", Dir: Exit, Category: CategoryMemory, Flags: FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamUint64, Format: FormatHex},
		{Name: "vm_size", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_rss", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_swap", Type: ParamUint32, Format: FormatDec},
		{Name: "addr", Type: ParamUint64, Format: FormatHex},
		{Name: "length", Type: ParamUint64, Format: FormatDec},
		{Name: "prot", Type: ParamFlags32, Format: FormatHex, Flags: &ProtFlags},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &MmapFlags},
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "offset", Type: ParamUint64, Format: FormatDec},
	}},
	SyscallMmap2E: {Name: "mmap2", Dir: Enter, Category: CategoryMemory, Flags: FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "addr", Type: ParamUint64, Format: FormatHex},
		{Name: "length", Type: ParamUint64, Format: FormatDec},
		{Name: "prot", Type: ParamFlags32, Format: FormatHex, Flags: &ProtFlags},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &MmapFlags},
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "pgoffset", Type: ParamUint64, Format: FormatDec},
	}},
	SyscallMmap2X: {Name: "mmap2", Dir: Exit, Category: CategoryMemory, Flags: FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamUint64, Format: FormatHex},
		{Name: "vm_size", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_rss", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_swap", Type: ParamUint32, Format: FormatDec},
		{Name: "addr", Type: ParamUint64, Format: FormatHex},
		{Name: "length", Type: ParamUint64, Format: FormatDec},
		{Name: "prot", Type: ParamFlags32, Format: FormatHex, Flags: &ProtFlags},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &MmapFlags},
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "pgoffset", Type: ParamUint64, Format: FormatDec},
	}},
	SyscallMunmapE: {Name: "munmap", Dir: Enter, Category: CategoryMemory, Flags: FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "addr", Type: ParamUint64, Format: FormatHex},
		{Name: "length", Type: ParamUint64, Format: FormatDec},
	}},
	SyscallMunmapX: {Name: "munmap", Dir: Exit, Category: CategoryMemory, Flags: FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "vm_size", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_rss", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_swap", Type: ParamUint32, Format: FormatDec},
		{Name: "addr", Type: ParamUint64, Format: FormatHex},
		{Name: "length", Type: ParamUint64, Format: FormatDec},
	}},
	SyscallSpliceE: {Name: "splice", Dir: Enter, Category: CategoryIOOther, Flags: FlagUsesFD | FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "fd_in", Type: ParamFD, Format: FormatDec},
		{Name: "fd_out", Type: ParamFD, Format: FormatDec},
		{Name: "size", Type: ParamUint64, Format: FormatDec},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &SpliceFlags},
	}},
	SyscallSpliceX: {Name: "splice", Dir: Exit, Category: CategoryIOOther, Flags: FlagUsesFD | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "fd_in", Type: ParamFD, Format: FormatDec},
		{Name: "fd_out", Type: ParamFD, Format: FormatDec},
		{Name: "size", Type: ParamUint64, Format: FormatDec},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &SpliceFlags},
	}},
	SyscallPtraceE: {Name: "ptrace", Dir: Enter, Category: CategoryProcess, Flags: FlagOldVersion, Params: []ParamInfo{
		{Name: "request", Type: ParamFlags16, Format: FormatDec, Flags: &PtraceRequests},
		{Name: "pid", Type: ParamPID, Format: FormatDec},
	}},
	SyscallPtraceX: {Name: "ptrace", Dir: Exit, Category: CategoryProcess, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "addr", Type: ParamDyn, Format: FormatHex, Dyn: PtraceDynamicParam},
		{Name: "data", Type: ParamDyn, Format: FormatHex, Dyn: PtraceDynamicParam},
		{Name: "request", Type: ParamEnumFlags16, Format: FormatHex, Flags: &PtraceRequests},
		{Name: "pid", Type: ParamPID, Format: FormatDec},
	}},
	SyscallIoctlV3E: {Name: "ioctl", Dir: Enter, Category: CategoryIOOther, Flags: FlagUsesFD | FlagOldVersion, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "request", Type: ParamUint64, Format: FormatHex},
		{Name: "argument", Type: ParamUint64, Format: FormatHex},
	}},
	SyscallIoctlV3X: {Name: "ioctl", Dir: Exit, Category: CategoryIOOther, Flags: FlagUsesFD, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "request", Type: ParamUint64, Format: FormatHex},
		{Name: "argument", Type: ParamUint64, Format: FormatHex},
	}},
	SyscallExecveV14E: {Name: "execve", Dir: Enter, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion},
	SyscallExecveV14X: {Name: "execve", Dir: Exit, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "exe", Type: ParamCharBuf, Format: FormatNA},
		{Name: "args", Type: ParamByteBuf, Format: FormatNA},
		{Name: "tid", Type: ParamPID, Format: FormatDec},
		{Name: "pid", Type: ParamPID, Format: FormatDec},
		{Name: "ptid", Type: ParamPID, Format: FormatDec},
		{Name: "cwd", Type: ParamCharBuf, Format: FormatNA},
		{Name: "fdlimit", Type: ParamUint64, Format: FormatDec},
		{Name: "pgft_maj", Type: ParamUint64, Format: FormatDec},
		{Name: "pgft_min", Type: ParamUint64, Format: FormatDec},
		{Name: "vm_size", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_rss", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_swap", Type: ParamUint32, Format: FormatDec},
		{Name: "env", Type: ParamByteBuf, Format: FormatNA},
	}},
	SyscallRenameE: {Name: "rename", Dir: Enter, Category: CategoryFile, Flags: FlagOldVersion},
	SyscallRenameX: {Name: "rename", Dir: Exit, Category: CategoryFile, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "oldpath", Type: ParamFSPath, Format: FormatNA},
		{Name: "newpath", Type: ParamFSPath, Format: FormatNA},
	}},
	SyscallRenameatE: {Name: "renameat", Dir: Enter, Category: CategoryFile, Flags: FlagOldVersion},
	SyscallRenameatX: {Name: "renameat", Dir: Exit, Category: CategoryFile, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "olddirfd", Type: ParamFD, Format: FormatDec},
		{Name: "oldpath", Type: ParamFSRelPath, Format: FormatNA, DirFD: 1},
		{Name: "newdirfd", Type: ParamFD, Format: FormatDec},
		{Name: "newpath", Type: ParamFSRelPath, Format: FormatNA, DirFD: 3},
	}},
	SyscallSymlinkE: {Name: "symlink", Dir: Enter, Category: CategoryFile, Flags: FlagOldVersion},
	SyscallSymlinkX: {Name: "symlink", Dir: Exit, Category: CategoryFile, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "target", Type: ParamCharBuf, Format: FormatNA},
		{Name: "linkpath", Type: ParamFSPath, Format: FormatNA},
	}},
	SyscallSymlinkatE: {Name: "symlinkat", Dir: Enter, Category: CategoryFile, Flags: FlagOldVersion},
	SyscallSymlinkatX: {Name: "symlinkat", Dir: Exit, Category: CategoryFile, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "target", Type: ParamCharBuf, Format: FormatNA},
		{Name: "linkdirfd", Type: ParamFD, Format: FormatDec},
		{Name: "linkpath", Type: ParamFSRelPath, Format: FormatNA, DirFD: 2},
	}},
	SyscallForkE: {Name: "fork", Dir: Enter, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion},
	SyscallForkX: {Name: "fork", Dir: Exit, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "res", Type: ParamPID, Format: FormatDec},
		{Name: "exe", Type: ParamCharBuf, Format: FormatNA},
		{Name: "args", Type: ParamByteBuf, Format: FormatNA},
		{Name: "tid", Type: ParamPID, Format: FormatDec},
		{Name: "pid", Type: ParamPID, Format: FormatDec},
		{Name: "ptid", Type: ParamPID, Format: FormatDec},
		{Name: "cwd", Type: ParamCharBuf, Format: FormatNA},
		{Name: "fdlimit", Type: ParamInt64, Format: FormatDec},
		{Name: "pgft_maj", Type: ParamUint64, Format: FormatDec},
		{Name: "pgft_min", Type: ParamUint64, Format: FormatDec},
		{Name: "vm_size", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_rss", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_swap", Type: ParamUint32, Format: FormatDec},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &CloneFlags},
		{Name: "uid", Type: ParamUint32, Format: FormatDec},
		{Name: "gid", Type: ParamUint32, Format: FormatDec},
	}},
	SyscallVforkE: {Name: "vfork", Dir: Enter, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion},
	SyscallVforkX: {Name: "vfork", Dir: Exit, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "res", Type: ParamPID, Format: FormatDec},
		{Name: "exe", Type: ParamCharBuf, Format: FormatNA},
		{Name: "args", Type: ParamByteBuf, Format: FormatNA},
		{Name: "tid", Type: ParamPID, Format: FormatDec},
		{Name: "pid", Type: ParamPID, Format: FormatDec},
		{Name: "ptid", Type: ParamPID, Format: FormatDec},
		{Name: "cwd", Type: ParamCharBuf, Format: FormatNA},
		{Name: "fdlimit", Type: ParamInt64, Format: FormatDec},
		{Name: "pgft_maj", Type: ParamUint64, Format: FormatDec},
		{Name: "pgft_min", Type: ParamUint64, Format: FormatDec},
		{Name: "vm_size", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_rss", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_swap", Type: ParamUint32, Format: FormatDec},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &CloneFlags},
		{Name: "uid", Type: ParamUint32, Format: FormatDec},
		{Name: "gid", Type: ParamUint32, Format: FormatDec},
	}},
	ProcexitV1E: {Name: "procexit", Dir: Enter, Category: CategoryProcess, Flags: FlagModifiesState, Params: []ParamInfo{
		{Name: "status", Type: ParamErrno, Format: FormatDec},
		{Name: "ret", Type: ParamErrno, Format: FormatDec},
		{Name: "sig", Type: ParamSigType, Format: FormatDec},
		{Name: "core", Type: ParamUint8, Format: FormatDec},
		{Name: "reaper_tid", Type: ParamPID, Format: FormatDec},
	}},
	ProcexitV1X: {Name: "NA1", Dir: Exit, Category: CategoryProcess, Flags: FlagUnused},
	SyscallSendfileE: {Name: "sendfile", Dir: Enter, Category: CategoryIOWrite, Flags: FlagUsesFD | FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "out_fd", Type: ParamFD, Format: FormatDec},
		{Name: "in_fd", Type: ParamFD, Format: FormatDec},
		{Name: "offset", Type: ParamUint64, Format: FormatDec},
		{Name: "size", Type: ParamUint64, Format: FormatDec},
	}},
	SyscallSendfileX: {Name: "sendfile", Dir: Exit, Category: CategoryIOWrite, Flags: FlagUsesFD | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "offset", Type: ParamUint64, Format: FormatDec},
		{Name: "out_fd", Type: ParamFD, Format: FormatDec},
		{Name: "in_fd", Type: ParamFD, Format: FormatDec},
		{Name: "size", Type: ParamUint64, Format: FormatDec},
	}},
	SyscallQuotactlE: {Name: "quotactl", Dir: Enter, Category: CategoryUser, Flags: FlagOldVersion, Params: []ParamInfo{
		{Name: "cmd", Type: ParamFlags16, Format: FormatDec, Flags: &QuotactlCmds},
		{Name: "type", Type: ParamFlags8, Format: FormatDec, Flags: &QuotactlTypes},
		{Name: "id", Type: ParamUint32, Format: FormatDec},
		{Name: "quota_fmt", Type: ParamFlags8, Format: FormatDec, Flags: &QuotactlQuotaFmts},
	}},
	SyscallQuotactlX: {Name: "quotactl", Dir: Exit, Category: CategoryUser, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "special", Type: ParamCharBuf, Format: FormatNA},
		{Name: "quotafilepath", Type: ParamCharBuf, Format: FormatNA},
		{Name: "dqb_bhardlimit", Type: ParamUint64, Format: FormatDec},
		{Name: "dqb_bsoftlimit", Type: ParamUint64, Format: FormatDec},
		{Name: "dqb_curspace", Type: ParamUint64, Format: FormatDec},
		{Name: "dqb_ihardlimit", Type: ParamUint64, Format: FormatDec},
		{Name: "dqb_isoftlimit", Type: ParamUint64, Format: FormatDec},
		{Name: "dqb_btime", Type: ParamRelTime, Format: FormatDec},
		{Name: "dqb_itime", Type: ParamRelTime, Format: FormatDec},
		{Name: "dqi_bgrace", Type: ParamRelTime, Format: FormatDec},
		{Name: "dqi_igrace", Type: ParamRelTime, Format: FormatDec},
		{Name: "dqi_flags", Type: ParamFlags8, Format: FormatDec, Flags: &QuotactlDqiFlags},
		{Name: "quota_fmt_out", Type: ParamFlags8, Format: FormatDec, Flags: &QuotactlQuotaFmts},
		{Name: "cmd", Type: ParamFlags16, Format: FormatDec, Flags: &QuotactlCmds},
		{Name: "type", Type: ParamFlags8, Format: FormatDec, Flags: &QuotactlTypes},
		{Name: "id", Type: ParamUint32, Format: FormatDec},
		{Name: "quota_fmt", Type: ParamFlags8, Format: FormatDec, Flags: &QuotactlQuotaFmts},
	}},
	SyscallSetresuidE: {Name: "setresuid", Dir: Enter, Category: CategoryUser, Flags: FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "ruid", Type: ParamUID, Format: FormatDec},
		{Name: "euid", Type: ParamUID, Format: FormatDec},
		{Name: "suid", Type: ParamUID, Format: FormatDec},
	}},
	SyscallSetresuidX: {Name: "setresuid", Dir: Exit, Category: CategoryUser, Flags: FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "ruid", Type: ParamUID, Format: FormatDec},
		{Name: "euid", Type: ParamUID, Format: FormatDec},
		{Name: "suid", Type: ParamUID, Format: FormatDec},
	}},
	SyscallSetresgidE: {Name: "setresgid", Dir: Enter, Category: CategoryUser, Flags: FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "rgid", Type: ParamGID, Format: FormatDec},
		{Name: "egid", Type: ParamGID, Format: FormatDec},
		{Name: "sgid", Type: ParamGID, Format: FormatDec},
	}},
	SyscallSetresgidX: {Name: "setresgid", Dir: Exit, Category: CategoryUser, Flags: FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "rgid", Type: ParamGID, Format: FormatDec},
		{Name: "egid", Type: ParamGID, Format: FormatDec},
		{Name: "sgid", Type: ParamGID, Format: FormatDec},
	}},
	SysdigeventE: {Name: "sysdigevent", Dir: Enter, Category: CategoryInternal, Flags: FlagSkipParseReset, Params: []ParamInfo{
		{Name: "event_type", Type: ParamUint32, Format: FormatDec},
		{Name: "event_data", Type: ParamUint64, Format: FormatDec},
	}},
	SysdigeventX: {Name: "sysdigevent", Dir: Exit, Category: CategoryInternal, Flags: FlagUnused},
	SyscallSetuidE: {Name: "setuid", Dir: Enter, Category: CategoryUser, Flags: FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "uid", Type: ParamUID, Format: FormatDec},
	}},
	SyscallSetuidX: {Name: "setuid", Dir: Exit, Category: CategoryUser, Flags: FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "uid", Type: ParamUID, Format: FormatDec},
	}},
	SyscallSetgidE: {Name: "setgid", Dir: Enter, Category: CategoryUser, Flags: FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "gid", Type: ParamGID, Format: FormatDec},
	}},
	SyscallSetgidX: {Name: "setgid", Dir: Exit, Category: CategoryUser, Flags: FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "gid", Type: ParamGID, Format: FormatDec},
	}},
	SyscallGetuidE: {Name: "getuid", Dir: Enter, Category: CategoryUser, Flags: FlagOldVersion | FlagDropSimpleCons},
	SyscallGetuidX: {Name: "getuid", Dir: Exit, Category: CategoryUser, Flags: FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "uid", Type: ParamUID, Format: FormatDec},
	}},
	SyscallGeteuidE: {Name: "geteuid", Dir: Enter, Category: CategoryUser, Flags: FlagOldVersion | FlagDropSimpleCons},
	SyscallGeteuidX: {Name: "geteuid", Dir: Exit, Category: CategoryUser, Flags: FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "euid", Type: ParamUID, Format: FormatDec},
	}},
	SyscallGetgidE: {Name: "getgid", Dir: Enter, Category: CategoryUser, Flags: FlagOldVersion | FlagDropSimpleCons},
	SyscallGetgidX: {Name: "getgid", Dir: Exit, Category: CategoryUser, Flags: FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "gid", Type: ParamGID, Format: FormatDec},
	}},
	SyscallGetegidE: {Name: "getegid", Dir: Enter, Category: CategoryUser, Flags: FlagOldVersion | FlagDropSimpleCons},
	SyscallGetegidX: {Name: "getegid", Dir: Exit, Category: CategoryUser, Flags: FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "egid", Type: ParamGID, Format: FormatDec},
	}},
	SyscallGetresuidE: {Name: "getresuid", Dir: Enter, Category: CategoryUser, Flags: FlagOldVersion | FlagDropSimpleCons},
	SyscallGetresuidX: {Name: "getresuid", Dir: Exit, Category: CategoryUser, Flags: FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "ruid", Type: ParamUID, Format: FormatDec},
		{Name: "euid", Type: ParamUID, Format: FormatDec},
		{Name: "suid", Type: ParamUID, Format: FormatDec},
	}},
	SyscallGetresgidE: {Name: "getresgid", Dir: Enter, Category: CategoryUser, Flags: FlagOldVersion | FlagDropSimpleCons},
	SyscallGetresgidX: {Name: "getresgid", Dir: Exit, Category: CategoryUser, Flags: FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "rgid", Type: ParamGID, Format: FormatDec},
		{Name: "egid", Type: ParamGID, Format: FormatDec},
		{Name: "sgid", Type: ParamGID, Format: FormatDec},
	}},
	SyscallExecveV15E: {Name: "execve", Dir: Enter, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion},
	SyscallExecveV15X: {Name: "execve", Dir: Exit, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "exe", Type: ParamCharBuf, Format: FormatNA},
		{Name: "args", Type: ParamByteBuf, Format: FormatNA},
		{Name: "tid", Type: ParamPID, Format: FormatDec},
		{Name: "pid", Type: ParamPID, Format: FormatDec},
		{Name: "ptid", Type: ParamPID, Format: FormatDec},
		{Name: "cwd", Type: ParamCharBuf, Format: FormatNA},
		{Name: "fdlimit", Type: ParamUint64, Format: FormatDec},
		{Name: "pgft_maj", Type: ParamUint64, Format: FormatDec},
		{Name: "pgft_min", Type: ParamUint64, Format: FormatDec},
		{Name: "vm_size", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_rss", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_swap", Type: ParamUint32, Format: FormatDec},
		{Name: "comm", Type: ParamCharBuf, Format: FormatNA},
		{Name: "env", Type: ParamByteBuf, Format: FormatNA},
	}},
	SyscallCloneV17E: {Name: "clone", Dir: Enter, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion},
	SyscallCloneV17X: {Name: "clone", Dir: Exit, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "res", Type: ParamPID, Format: FormatDec},
		{Name: "exe", Type: ParamCharBuf, Format: FormatNA},
		{Name: "args", Type: ParamByteBuf, Format: FormatNA},
		{Name: "tid", Type: ParamPID, Format: FormatDec},
		{Name: "pid", Type: ParamPID, Format: FormatDec},
		{Name: "ptid", Type: ParamPID, Format: FormatDec},
		{Name: "cwd", Type: ParamCharBuf, Format: FormatNA},
		{Name: "fdlimit", Type: ParamInt64, Format: FormatDec},
		{Name: "pgft_maj", Type: ParamUint64, Format: FormatDec},
		{Name: "pgft_min", Type: ParamUint64, Format: FormatDec},
		{Name: "vm_size", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_rss", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_swap", Type: ParamUint32, Format: FormatDec},
		{Name: "comm", Type: ParamCharBuf, Format: FormatNA},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &CloneFlags},
		{Name: "uid", Type: ParamUint32, Format: FormatDec},
		{Name: "gid", Type: ParamUint32, Format: FormatDec},
	}},
	SyscallForkV17E: {Name: "fork", Dir: Enter, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion},
	SyscallForkV17X: {Name: "fork", Dir: Exit, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "res", Type: ParamPID, Format: FormatDec},
		{Name: "exe", Type: ParamCharBuf, Format: FormatNA},
		{Name: "args", Type: ParamByteBuf, Format: FormatNA},
		{Name: "tid", Type: ParamPID, Format: FormatDec},
		{Name: "pid", Type: ParamPID, Format: FormatDec},
		{Name: "ptid", Type: ParamPID, Format: FormatDec},
		{Name: "cwd", Type: ParamCharBuf, Format: FormatNA},
		{Name: "fdlimit", Type: ParamInt64, Format: FormatDec},
		{Name: "pgft_maj", Type: ParamUint64, Format: FormatDec},
		{Name: "pgft_min", Type: ParamUint64, Format: FormatDec},
		{Name: "vm_size", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_rss", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_swap", Type: ParamUint32, Format: FormatDec},
		{Name: "comm", Type: ParamCharBuf, Format: FormatNA},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &CloneFlags},
		{Name: "uid", Type: ParamUint32, Format: FormatDec},
		{Name: "gid", Type: ParamUint32, Format: FormatDec},
	}},
	SyscallVforkV17E: {Name: "vfork", Dir: Enter, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion},
	SyscallVforkV17X: {Name: "vfork", Dir: Exit, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "res", Type: ParamPID, Format: FormatDec},
		{Name: "exe", Type: ParamCharBuf, Format: FormatNA},
		{Name: "args", Type: ParamByteBuf, Format: FormatNA},
		{Name: "tid", Type: ParamPID, Format: FormatDec},
		{Name: "pid", Type: ParamPID, Format: FormatDec},
		{Name: "ptid", Type: ParamPID, Format: FormatDec},
		{Name: "cwd", Type: ParamCharBuf, Format: FormatNA},
		{Name: "fdlimit", Type: ParamInt64, Format: FormatDec},
		{Name: "pgft_maj", Type: ParamUint64, Format: FormatDec},
		{Name: "pgft_min", Type: ParamUint64, Format: FormatDec},
		{Name: "vm_size", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_rss", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_swap", Type: ParamUint32, Format: FormatDec},
		{Name: "comm", Type: ParamCharBuf, Format: FormatNA},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &CloneFlags},
		{Name: "uid", Type: ParamUint32, Format: FormatDec},
		{Name: "gid", Type: ParamUint32, Format: FormatDec},
	}},
	SyscallCloneV20E: {Name: "clone", Dir: Enter, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion},
	SyscallCloneV20X: {Name: "clone", Dir: Exit, Category: CategoryProcess, Flags: FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamPID, Format: FormatDec},
		{Name: "exe", Type: ParamCharBuf, Format: FormatNA},
		{Name: "args", Type: ParamByteBuf, Format: FormatNA},
		{Name: "tid", Type: ParamPID, Format: FormatDec},
		{Name: "pid", Type: ParamPID, Format: FormatDec},
		{Name: "ptid", Type: ParamPID, Format: FormatDec},
		{Name: "cwd", Type: ParamCharBuf, Format: FormatNA},
		{Name: "fdlimit", Type: ParamInt64, Format: FormatDec},
		{Name: "pgft_maj", Type: ParamUint64, Format: FormatDec},
		{Name: "pgft_min", Type: ParamUint64, Format: FormatDec},
		{Name: "vm_size", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_rss", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_swap", Type: ParamUint32, Format: FormatDec},
		{Name: "comm", Type: ParamCharBuf, Format: FormatNA},
		{Name: "cgroups", Type: ParamByteBuf, Format: FormatNA},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &CloneFlags},
		{Name: "uid", Type: ParamUint32, Format: FormatDec},
		{Name: "gid", Type: ParamUint32, Format: FormatDec},
		{Name: "vtid", Type: ParamPID, Format: FormatDec},
		{Name: "vpid", Type: ParamPID, Format: FormatDec},
		{Name: "pidns_init_start_ts", Type: ParamUint64, Format: FormatDec},
	}},
	SyscallForkV20E: {Name: "fork", Dir: Enter, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion},
	SyscallForkV20X: {Name: "fork", Dir: Exit, Category: CategoryProcess, Flags: FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamPID, Format: FormatDec},
		{Name: "exe", Type: ParamCharBuf, Format: FormatNA},
		{Name: "args", Type: ParamByteBuf, Format: FormatNA},
		{Name: "tid", Type: ParamPID, Format: FormatDec},
		{Name: "pid", Type: ParamPID, Format: FormatDec},
		{Name: "ptid", Type: ParamPID, Format: FormatDec},
		{Name: "cwd", Type: ParamCharBuf, Format: FormatNA},
		{Name: "fdlimit", Type: ParamInt64, Format: FormatDec},
		{Name: "pgft_maj", Type: ParamUint64, Format: FormatDec},
		{Name: "pgft_min", Type: ParamUint64, Format: FormatDec},
		{Name: "vm_size", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_rss", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_swap", Type: ParamUint32, Format: FormatDec},
		{Name: "comm", Type: ParamCharBuf, Format: FormatNA},
		{Name: "cgroups", Type: ParamByteBuf, Format: FormatNA},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &CloneFlags},
		{Name: "uid", Type: ParamUint32, Format: FormatDec},
		{Name: "gid", Type: ParamUint32, Format: FormatDec},
		{Name: "vtid", Type: ParamPID, Format: FormatDec},
		{Name: "vpid", Type: ParamPID, Format: FormatDec},
		{Name: "pidns_init_start_ts", Type: ParamUint64, Format: FormatDec},
	}},
	SyscallVforkV20E: {Name: "vfork", Dir: Enter, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion},
	SyscallVforkV20X: {Name: "vfork", Dir: Exit, Category: CategoryProcess, Flags: FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamPID, Format: FormatDec},
		{Name: "exe", Type: ParamCharBuf, Format: FormatNA},
		{Name: "args", Type: ParamByteBuf, Format: FormatNA},
		{Name: "tid", Type: ParamPID, Format: FormatDec},
		{Name: "pid", Type: ParamPID, Format: FormatDec},
		{Name: "ptid", Type: ParamPID, Format: FormatDec},
		{Name: "cwd", Type: ParamCharBuf, Format: FormatNA},
		{Name: "fdlimit", Type: ParamInt64, Format: FormatDec},
		{Name: "pgft_maj", Type: ParamUint64, Format: FormatDec},
		{Name: "pgft_min", Type: ParamUint64, Format: FormatDec},
		{Name: "vm_size", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_rss", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_swap", Type: ParamUint32, Format: FormatDec},
		{Name: "comm", Type: ParamCharBuf, Format: FormatNA},
		{Name: "cgroups", Type: ParamByteBuf, Format: FormatNA},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &CloneFlags},
		{Name: "uid", Type: ParamUint32, Format: FormatDec},
		{Name: "gid", Type: ParamUint32, Format: FormatDec},
		{Name: "vtid", Type: ParamPID, Format: FormatDec},
		{Name: "vpid", Type: ParamPID, Format: FormatDec},
		{Name: "pidns_init_start_ts", Type: ParamUint64, Format: FormatDec},
	}},
	ContainerE: {Name: "container", Dir: Enter, Category: CategoryInternal, Flags: FlagModifiesState | FlagSkipParseReset | FlagOldVersion, Params: []ParamInfo{
		{Name: "id", Type: ParamCharBuf, Format: FormatNA},
		{Name: "type", Type: ParamUint32, Format: FormatDec},
		{Name: "name", Type: ParamCharBuf, Format: FormatNA},
		{Name: "image", Type: ParamCharBuf, Format: FormatNA},
	}},
	ContainerX:        {Name: "container", Dir: Exit, Category: CategoryInternal, Flags: FlagUnused | FlagOldVersion},
	SyscallExecveV16E: {Name: "execve", Dir: Enter, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion},
	SyscallExecveV16X: {Name: "execve", Dir: Exit, Category: CategoryProcess, Flags: FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "exe", Type: ParamCharBuf, Format: FormatNA},
		{Name: "args", Type: ParamByteBuf, Format: FormatNA},
		{Name: "tid", Type: ParamPID, Format: FormatDec},
		{Name: "pid", Type: ParamPID, Format: FormatDec},
		{Name: "ptid", Type: ParamPID, Format: FormatDec},
		{Name: "cwd", Type: ParamCharBuf, Format: FormatNA},
		{Name: "fdlimit", Type: ParamUint64, Format: FormatDec},
		{Name: "pgft_maj", Type: ParamUint64, Format: FormatDec},
		{Name: "pgft_min", Type: ParamUint64, Format: FormatDec},
		{Name: "vm_size", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_rss", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_swap", Type: ParamUint32, Format: FormatDec},
		{Name: "comm", Type: ParamCharBuf, Format: FormatNA},
		{Name: "cgroups", Type: ParamByteBuf, Format: FormatNA},
		{Name: "env", Type: ParamByteBuf, Format: FormatNA},
	}},
	SignaldeliverE: {Name: "signaldeliver", Dir: Enter, Category: CategorySignal, Flags: FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "spid", Type: ParamPID, Format: FormatDec},
		{Name: "dpid", Type: ParamPID, Format: FormatDec},
		{Name: "sig", Type: ParamSigType, Format: FormatDec},
	}},
	SignaldeliverX: {Name: "signaldeliver", Dir: Exit, Category: CategorySignal, Flags: FlagUnused},
	ProcinfoE: {Name: "procinfo", Dir: Enter, Category: CategoryInternal, Flags: FlagSkipParseReset | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "cpu_usr", Type: ParamUint64, Format: FormatDec},
		{Name: "cpu_sys", Type: ParamUint64, Format: FormatDec},
	}},
	ProcinfoX: {Name: "NA2", Dir: Exit, Category: CategoryInternal, Flags: FlagUnused},
	SyscallGetdentsE: {Name: "getdents", Dir: Enter, Category: CategoryFile, Flags: FlagUsesFD | FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatNA},
	}},
	SyscallGetdentsX: {Name: "getdents", Dir: Exit, Category: CategoryFile, Flags: FlagUsesFD | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "fd", Type: ParamFD, Format: FormatNA},
	}},
	SyscallGetdents64E: {Name: "getdents64", Dir: Enter, Category: CategoryFile, Flags: FlagUsesFD | FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatNA},
	}},
	SyscallGetdents64X: {Name: "getdents64", Dir: Exit, Category: CategoryFile, Flags: FlagUsesFD | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "fd", Type: ParamFD, Format: FormatNA},
	}},
	SyscallSetnsE: {Name: "setns", Dir: Enter, Category: CategoryProcess, Flags: FlagUsesFD | FlagOldVersion, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatNA},
		{Name: "nstype", Type: ParamFlags32, Format: FormatHex, Flags: &CloneFlags},
	}},
	SyscallSetnsX: {Name: "setns", Dir: Exit, Category: CategoryProcess, Flags: FlagUsesFD, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "fd", Type: ParamFD, Format: FormatNA},
		{Name: "nstype", Type: ParamFlags32, Format: FormatHex, Flags: &CloneFlags},
	}},
	SyscallFlockE: {Name: "flock", Dir: Enter, Category: CategoryFile, Flags: FlagUsesFD | FlagOldVersion, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatNA},
		{Name: "operation", Type: ParamFlags32, Format: FormatHex, Flags: &FlockFlags},
	}},
	SyscallFlockX: {Name: "flock", Dir: Exit, Category: CategoryFile, Flags: FlagUsesFD, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "fd", Type: ParamFD, Format: FormatNA},
		{Name: "operation", Type: ParamFlags32, Format: FormatHex, Flags: &FlockFlags},
	}},
	CpuHotplugE: {Name: "cpu_hotplug", Dir: Enter, Category: CategorySystem, Flags: FlagModifiesState | FlagSkipParseReset, Params: []ParamInfo{
		{Name: "cpu", Type: ParamUint32, Format: FormatDec},
		{Name: "action", Type: ParamUint32, Format: FormatDec},
	}},
	CpuHotplugX:     {Name: "NA2", Dir: Exit, Category: CategorySystem, Flags: FlagUnused},
	SocketAcceptV5E: {Name: "accept", Dir: Enter, Category: CategoryNet, Flags: FlagCreatesFD | FlagModifiesState | FlagOldVersion},
	SocketAcceptV5X: {Name: "accept", Dir: Exit, Category: CategoryNet, Flags: FlagCreatesFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "tuple", Type: ParamSockTuple, Format: FormatNA},
		{Name: "queuepct", Type: ParamUint8, Format: FormatDec},
		{Name: "queuelen", Type: ParamUint32, Format: FormatDec},
		{Name: "queuemax", Type: ParamUint32, Format: FormatDec},
	}},
	SocketAccept4V5E: {Name: "accept", Dir: Enter, Category: CategoryNet, Flags: FlagCreatesFD | FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "flags", Type: ParamInt32, Format: FormatHex},
	}},
	SocketAccept4V5X: {Name: "accept", Dir: Exit, Category: CategoryNet, Flags: FlagCreatesFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "tuple", Type: ParamSockTuple, Format: FormatNA},
		{Name: "queuepct", Type: ParamUint8, Format: FormatDec},
		{Name: "queuelen", Type: ParamUint32, Format: FormatDec},
		{Name: "queuemax", Type: ParamUint32, Format: FormatDec},
		{Name: "flags", Type: ParamInt32, Format: FormatHex},
	}},
	SyscallSemopE: {Name: "semop", Dir: Enter, Category: CategoryProcess, Flags: FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "semid", Type: ParamInt32, Format: FormatDec},
	}},
	SyscallSemopX: {Name: "semop", Dir: Exit, Category: CategoryProcess, Flags: FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "nsops", Type: ParamUint32, Format: FormatDec},
		{Name: "sem_num_0", Type: ParamUint16, Format: FormatDec},
		{Name: "sem_op_0", Type: ParamInt16, Format: FormatDec},
		{Name: "sem_flg_0", Type: ParamFlags16, Format: FormatHex, Flags: &SemopFlags},
		{Name: "sem_num_1", Type: ParamUint16, Format: FormatDec},
		{Name: "sem_op_1", Type: ParamInt16, Format: FormatDec},
		{Name: "sem_flg_1", Type: ParamFlags16, Format: FormatHex, Flags: &SemopFlags},
		{Name: "semid", Type: ParamInt32, Format: FormatDec},
	}},
	SyscallSemctlE: {Name: "semctl", Dir: Enter, Category: CategoryProcess, Flags: FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "semid", Type: ParamInt32, Format: FormatDec},
		{Name: "semnum", Type: ParamInt32, Format: FormatDec},
		{Name: "cmd", Type: ParamFlags16, Format: FormatHex, Flags: &SemctlCommands},
		{Name: "val", Type: ParamInt32, Format: FormatDec},
	}},
	SyscallSemctlX: {Name: "semctl", Dir: Exit, Category: CategoryProcess, Flags: FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "semid", Type: ParamInt32, Format: FormatDec},
		{Name: "semnum", Type: ParamInt32, Format: FormatDec},
		{Name: "cmd", Type: ParamFlags16, Format: FormatHex, Flags: &SemctlCommands},
		{Name: "val", Type: ParamInt32, Format: FormatDec},
	}},
	SyscallPpollE: {Name: "ppoll", Dir: Enter, Category: CategoryWait, Flags: FlagWaits | FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "fds", Type: ParamFDList, Format: FormatDec},
		{Name: "timeout", Type: ParamRelTime, Format: FormatDec},
		{Name: "sigmask", Type: ParamSigSet, Format: FormatDec},
	}},
	SyscallPpollX: {Name: "ppoll", Dir: Exit, Category: CategoryWait, Flags: FlagWaits | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "fds", Type: ParamFDList, Format: FormatDec},
		{Name: "timeout", Type: ParamRelTime, Format: FormatDec},
		{Name: "sigmask", Type: ParamSigSet, Format: FormatDec},
	}},
	SyscallMountE: {Name: "mount", Dir: Enter, Category: CategoryFile, Flags: FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &MountFlags},
	}},
	SyscallMountX: {Name: "mount", Dir: Exit, Category: CategoryFile, Flags: FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "dev", Type: ParamCharBuf, Format: FormatNA},
		{Name: "dir", Type: ParamFSPath, Format: FormatNA},
		{Name: "type", Type: ParamCharBuf, Format: FormatNA},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &MountFlags},
	}},
	SyscallUmountE: {Name: "umount", Dir: Enter, Category: CategoryFile, Flags: FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &UmountFlags},
	}},
	SyscallUmountX: {Name: "umount", Dir: Exit, Category: CategoryFile, Flags: FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "name", Type: ParamFSPath, Format: FormatNA},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &UmountFlags},
	}},
	K8sE: {Name: "k8s", Dir: Enter, Category: CategoryInternal, Flags: FlagModifiesState | FlagSkipParseReset, Params: []ParamInfo{
		{Name: "json", Type: ParamCharBuf, Format: FormatNA},
	}},
	K8sX: {Name: "NA3", Dir: Exit, Category: CategorySystem, Flags: FlagUnused},
	SyscallSemgetE: {Name: "semget", Dir: Enter, Category: CategoryProcess, Flags: FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "key", Type: ParamInt32, Format: FormatHex},
		{Name: "nsems", Type: ParamInt32, Format: FormatDec},
		{Name: "semflg", Type: ParamFlags32, Format: FormatHex, Flags: &SemgetFlags},
	}},
	SyscallSemgetX: {Name: "semget", Dir: Exit, Category: CategoryProcess, Flags: FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "key", Type: ParamInt32, Format: FormatHex},
		{Name: "nsems", Type: ParamInt32, Format: FormatDec},
		{Name: "semflg", Type: ParamFlags32, Format: FormatHex, Flags: &SemgetFlags},
	}},
	SyscallAccessE: {Name: "access", Dir: Enter, Category: CategoryFile, Flags: FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "mode", Type: ParamFlags32, Format: FormatHex, Flags: &AccessFlags},
	}},
	SyscallAccessX: {Name: "access", Dir: Exit, Category: CategoryFile, Flags: FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "name", Type: ParamFSPath, Format: FormatNA},
		{Name: "mode", Type: ParamFlags32, Format: FormatHex, Flags: &AccessFlags},
	}},
	SyscallChrootE: {Name: "chroot", Dir: Enter, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion},
	SyscallChrootX: {Name: "chroot", Dir: Exit, Category: CategoryProcess, Flags: FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "path", Type: ParamFSPath, Format: FormatNA},
	}},
	TracerE: {Name: "tracer", Dir: Enter, Category: CategoryOther, Flags: 0, Params: []ParamInfo{
		{Name: "id", Type: ParamInt64, Format: FormatDec},
		{Name: "tags", Type: ParamCharBufArray, Format: FormatNA},
		{Name: "args", Type: ParamCharBufPairArray, Format: FormatNA},
	}},
	TracerX: {Name: "tracer", Dir: Exit, Category: CategoryOther, Flags: 0, Params: []ParamInfo{
		{Name: "id", Type: ParamInt64, Format: FormatDec},
		{Name: "tags", Type: ParamCharBufArray, Format: FormatNA},
		{Name: "args", Type: ParamCharBufPairArray, Format: FormatNA},
	}},
	MesosE: {Name: "mesos", Dir: Enter, Category: CategoryInternal, Flags: FlagModifiesState | FlagSkipParseReset, Params: []ParamInfo{
		{Name: "json", Type: ParamCharBuf, Format: FormatNA},
	}},
	MesosX: {Name: "NA4", Dir: Exit, Category: CategorySystem, Flags: FlagUnused},
	ContainerJsonE: {Name: "container", Dir: Enter, Category: CategoryProcess, Flags: FlagModifiesState, Params: []ParamInfo{
		{Name: "json", Type: ParamCharBuf, Format: FormatNA},
	}},
	ContainerJsonX: {Name: "container", Dir: Exit, Category: CategoryProcess, Flags: FlagUnused},
	SyscallSetsidE: {Name: "setsid", Dir: Enter, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion},
	SyscallSetsidX: {Name: "setsid", Dir: Exit, Category: CategoryProcess, Flags: FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamPID, Format: FormatDec},
	}},
	SyscallMkdirV2E: {Name: "mkdir", Dir: Enter, Category: CategoryFile, Flags: FlagOldVersion, Params: []ParamInfo{
		{Name: "mode", Type: ParamUint32, Format: FormatHex},
	}},
	SyscallMkdirV2X: {Name: "mkdir", Dir: Exit, Category: CategoryFile, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "path", Type: ParamFSPath, Format: FormatNA},
		{Name: "mode", Type: ParamUint32, Format: FormatOct},
	}},
	SyscallRmdirV2E: {Name: "rmdir", Dir: Enter, Category: CategoryFile, Flags: FlagOldVersion},
	SyscallRmdirV2X: {Name: "rmdir", Dir: Exit, Category: CategoryFile, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "path", Type: ParamFSPath, Format: FormatNA},
	}},
	NotificationE: {Name: "notification", Dir: Enter, Category: CategoryOther, Flags: FlagSkipParseReset, Params: []ParamInfo{
		{Name: "id", Type: ParamCharBuf, Format: FormatDec},
		{Name: "desc", Type: ParamCharBuf, Format: FormatNA},
	}},
	NotificationX:     {Name: "NA4", Dir: Exit, Category: CategorySystem, Flags: FlagUnused},
	SyscallExecveV17E: {Name: "execve", Dir: Enter, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion},
	SyscallExecveV17X: {Name: "execve", Dir: Exit, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "exe", Type: ParamCharBuf, Format: FormatNA},
		{Name: "args", Type: ParamByteBuf, Format: FormatNA},
		{Name: "tid", Type: ParamPID, Format: FormatDec},
		{Name: "pid", Type: ParamPID, Format: FormatDec},
		{Name: "ptid", Type: ParamPID, Format: FormatDec},
		{Name: "cwd", Type: ParamCharBuf, Format: FormatNA},
		{Name: "fdlimit", Type: ParamUint64, Format: FormatDec},
		{Name: "pgft_maj", Type: ParamUint64, Format: FormatDec},
		{Name: "pgft_min", Type: ParamUint64, Format: FormatDec},
		{Name: "vm_size", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_rss", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_swap", Type: ParamUint32, Format: FormatDec},
		{Name: "comm", Type: ParamCharBuf, Format: FormatNA},
		{Name: "cgroups", Type: ParamByteBuf, Format: FormatNA},
		{Name: "env", Type: ParamByteBuf, Format: FormatNA},
		{Name: "tty", Type: ParamInt32, Format: FormatDec},
	}},
	SyscallUnshareE: {Name: "unshare", Dir: Enter, Category: CategoryProcess, Flags: FlagOldVersion, Params: []ParamInfo{
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &CloneFlags},
	}},
	SyscallUnshareX: {Name: "unshare", Dir: Exit, Category: CategoryProcess, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &CloneFlags},
	}},
	InfrastructureEventE: {Name: "infra", Dir: Enter, Category: CategoryInternal, Flags: FlagSkipParseReset, Params: []ParamInfo{
		{Name: "source", Type: ParamCharBuf, Format: FormatDec},
		{Name: "name", Type: ParamCharBuf, Format: FormatNA},
		{Name: "description", Type: ParamCharBuf, Format: FormatNA},
		{Name: "scope", Type: ParamCharBuf, Format: FormatNA},
	}},
	InfrastructureEventX: {Name: "NA4", Dir: Exit, Category: CategorySystem, Flags: FlagUnused},
	SyscallExecveV18E: {Name: "execve", Dir: Enter, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "filename", Type: ParamFSPath, Format: FormatNA},
	}},
	SyscallExecveV18X: {Name: "execve", Dir: Exit, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "exe", Type: ParamCharBuf, Format: FormatNA},
		{Name: "args", Type: ParamByteBuf, Format: FormatNA},
		{Name: "tid", Type: ParamPID, Format: FormatDec},
		{Name: "pid", Type: ParamPID, Format: FormatDec},
		{Name: "ptid", Type: ParamPID, Format: FormatDec},
		{Name: "cwd", Type: ParamCharBuf, Format: FormatNA},
		{Name: "fdlimit", Type: ParamUint64, Format: FormatDec},
		{Name: "pgft_maj", Type: ParamUint64, Format: FormatDec},
		{Name: "pgft_min", Type: ParamUint64, Format: FormatDec},
		{Name: "vm_size", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_rss", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_swap", Type: ParamUint32, Format: FormatDec},
		{Name: "comm", Type: ParamCharBuf, Format: FormatNA},
		{Name: "cgroups", Type: ParamByteBuf, Format: FormatNA},
		{Name: "env", Type: ParamByteBuf, Format: FormatNA},
		{Name: "tty", Type: ParamInt32, Format: FormatDec},
	}},
	PageFaultE: {Name: "page_fault", Dir: Enter, Category: CategoryOther, Flags: FlagSkipParseReset | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "addr", Type: ParamUint64, Format: FormatHex},
		{Name: "ip", Type: ParamUint64, Format: FormatHex},
		{Name: "error", Type: ParamFlags32, Format: FormatHex, Flags: &PfFlags},
	}},
	PageFaultX: {Name: "NA5", Dir: Exit, Category: CategoryOther, Flags: FlagUnused},
	SyscallExecveV19E: {Name: "execve", Dir: Enter, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "filename", Type: ParamFSPath, Format: FormatNA},
	}},
	SyscallExecveV19X: {Name: "execve", Dir: Exit, Category: CategoryProcess, Flags: FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "exe", Type: ParamCharBuf, Format: FormatNA},
		{Name: "args", Type: ParamByteBuf, Format: FormatNA},
		{Name: "tid", Type: ParamPID, Format: FormatDec},
		{Name: "pid", Type: ParamPID, Format: FormatDec},
		{Name: "ptid", Type: ParamPID, Format: FormatDec},
		{Name: "cwd", Type: ParamCharBuf, Format: FormatNA},
		{Name: "fdlimit", Type: ParamUint64, Format: FormatDec},
		{Name: "pgft_maj", Type: ParamUint64, Format: FormatDec},
		{Name: "pgft_min", Type: ParamUint64, Format: FormatDec},
		{Name: "vm_size", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_rss", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_swap", Type: ParamUint32, Format: FormatDec},
		{Name: "comm", Type: ParamCharBuf, Format: FormatNA},
		{Name: "cgroups", Type: ParamByteBuf, Format: FormatNA},
		{Name: "env", Type: ParamByteBuf, Format: FormatNA},
		{Name: "tty", Type: ParamUint32, Format: FormatDec},
		{Name: "vpgid", Type: ParamPID, Format: FormatDec},
		{Name: "loginuid", Type: ParamUID, Format: FormatDec},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &ExecveFlags},
		{Name: "cap_inheritable", Type: ParamUint64, Format: FormatHex},
		{Name: "cap_permitted", Type: ParamUint64, Format: FormatHex},
		{Name: "cap_effective", Type: ParamUint64, Format: FormatHex},
		{Name: "exe_ino", Type: ParamUint64, Format: FormatDec},
		{Name: "exe_ino_ctime", Type: ParamAbsTime, Format: FormatDec},
		{Name: "exe_ino_mtime", Type: ParamAbsTime, Format: FormatDec},
		{Name: "uid", Type: ParamUID, Format: FormatDec},
		{Name: "trusted_exepath", Type: ParamFSPath, Format: FormatNA},
		{Name: "pgid", Type: ParamPID, Format: FormatDec},
		{Name: "gid", Type: ParamGID, Format: FormatDec},
		{Name: "filename", Type: ParamFSPath, Format: FormatNA},
	}},
	SyscallSetpgidE: {Name: "setpgid", Dir: Enter, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "pid", Type: ParamPID, Format: FormatDec},
		{Name: "pgid", Type: ParamPID, Format: FormatDec},
	}},
	SyscallSetpgidX: {Name: "setpgid", Dir: Exit, Category: CategoryProcess, Flags: FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamPID, Format: FormatDec},
		{Name: "pid", Type: ParamPID, Format: FormatDec},
		{Name: "pgid", Type: ParamPID, Format: FormatDec},
	}},
	SyscallBpfE: {Name: "bpf", Dir: Enter, Category: CategoryOther, Flags: FlagCreatesFD | FlagOldVersion, Params: []ParamInfo{
		{Name: "cmd", Type: ParamInt64, Format: FormatDec},
	}},
	SyscallBpfX: {Name: "bpf", Dir: Exit, Category: CategoryOther, Flags: FlagCreatesFD, Params: []ParamInfo{
		{Name: "res_or_fd", Type: ParamDyn, Format: FormatDec, Dyn: BpfDynamicParam},
		{Name: "cmd", Type: ParamInt64, Format: FormatDec},
	}},
	SyscallSeccompE: {Name: "seccomp", Dir: Enter, Category: CategoryOther, Flags: 0, Params: []ParamInfo{
		{Name: "op", Type: ParamUint64, Format: FormatDec},
	}},
	SyscallSeccompX: {Name: "seccomp", Dir: Exit, Category: CategoryOther, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
	}},
	SyscallUnlinkV2E: {Name: "unlink", Dir: Enter, Category: CategoryFile, Flags: FlagOldVersion},
	SyscallUnlinkV2X: {Name: "unlink", Dir: Exit, Category: CategoryFile, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "path", Type: ParamFSPath, Format: FormatNA},
	}},
	SyscallUnlinkatV2E: {Name: "unlinkat", Dir: Enter, Category: CategoryFile, Flags: FlagOldVersion},
	SyscallUnlinkatV2X: {Name: "unlinkat", Dir: Exit, Category: CategoryFile, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "dirfd", Type: ParamFD, Format: FormatDec},
		{Name: "name", Type: ParamFSRelPath, Format: FormatNA, DirFD: 1},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &UnlinkatFlags},
	}},
	SyscallMkdiratE: {Name: "mkdirat", Dir: Enter, Category: CategoryFile, Flags: FlagOldVersion},
	SyscallMkdiratX: {Name: "mkdirat", Dir: Exit, Category: CategoryFile, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "dirfd", Type: ParamFD, Format: FormatDec},
		{Name: "path", Type: ParamFSRelPath, Format: FormatNA, DirFD: 1},
		{Name: "mode", Type: ParamUint32, Format: FormatOct},
	}},
	SyscallOpenatV2E: {Name: "openat", Dir: Enter, Category: CategoryFile, Flags: FlagCreatesFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "dirfd", Type: ParamFD, Format: FormatDec},
		{Name: "name", Type: ParamFSRelPath, Format: FormatNA},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &FileFlags},
		{Name: "mode", Type: ParamUint32, Format: FormatOct},
	}},
	SyscallOpenatV2X: {Name: "openat", Dir: Exit, Category: CategoryFile, Flags: FlagCreatesFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "dirfd", Type: ParamFD, Format: FormatDec},
		{Name: "name", Type: ParamFSRelPath, Format: FormatNA, DirFD: 1},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &FileFlags},
		{Name: "mode", Type: ParamUint32, Format: FormatOct},
		{Name: "dev", Type: ParamUint32, Format: FormatHex},
		{Name: "ino", Type: ParamUint64, Format: FormatDec},
	}},
	SyscallLinkV2E: {Name: "link", Dir: Enter, Category: CategoryFile, Flags: FlagOldVersion},
	SyscallLinkV2X: {Name: "link", Dir: Exit, Category: CategoryFile, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "oldpath", Type: ParamFSPath, Format: FormatNA},
		{Name: "newpath", Type: ParamFSPath, Format: FormatNA},
	}},
	SyscallLinkatV2E: {Name: "linkat", Dir: Enter, Category: CategoryFile, Flags: FlagOldVersion},
	SyscallLinkatV2X: {Name: "linkat", Dir: Exit, Category: CategoryFile, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "olddir", Type: ParamFD, Format: FormatDec},
		{Name: "oldpath", Type: ParamFSRelPath, Format: FormatNA, DirFD: 1},
		{Name: "newdir", Type: ParamFD, Format: FormatDec},
		{Name: "newpath", Type: ParamFSRelPath, Format: FormatNA, DirFD: 3},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &LinkatFlags},
	}},
	SyscallFchmodatE: {Name: "fchmodat", Dir: Enter, Category: CategoryFile, Flags: FlagOldVersion},
	SyscallFchmodatX: {Name: "fchmodat", Dir: Exit, Category: CategoryFile, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "dirfd", Type: ParamFD, Format: FormatDec},
		{Name: "filename", Type: ParamFSRelPath, Format: FormatNA, DirFD: 1},
		{Name: "mode", Type: ParamMode, Format: FormatOct, Flags: &ChmodMode},
	}},
	SyscallChmodE: {Name: "chmod", Dir: Enter, Category: CategoryFile, Flags: FlagOldVersion},
	SyscallChmodX: {Name: "chmod", Dir: Exit, Category: CategoryFile, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "filename", Type: ParamFSPath, Format: FormatNA},
		{Name: "mode", Type: ParamMode, Format: FormatOct, Flags: &ChmodMode},
	}},
	SyscallFchmodE: {Name: "fchmod", Dir: Enter, Category: CategoryFile, Flags: FlagOldVersion},
	SyscallFchmodX: {Name: "fchmod", Dir: Exit, Category: CategoryFile, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "mode", Type: ParamMode, Format: FormatOct, Flags: &ChmodMode},
	}},
	SyscallRenameat2E: {Name: "renameat2", Dir: Enter, Category: CategoryFile, Flags: FlagOldVersion},
	SyscallRenameat2X: {Name: "renameat2", Dir: Exit, Category: CategoryFile, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "olddirfd", Type: ParamFD, Format: FormatDec},
		{Name: "oldpath", Type: ParamFSRelPath, Format: FormatNA, DirFD: 1},
		{Name: "newdirfd", Type: ParamFD, Format: FormatDec},
		{Name: "newpath", Type: ParamFSRelPath, Format: FormatNA, DirFD: 3},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &Renameat2Flags},
	}},
	SyscallUserfaultfdE: {Name: "userfaultfd", Dir: Enter, Category: CategoryFile, Flags: FlagCreatesFD | FlagModifiesState | FlagOldVersion},
	SyscallUserfaultfdX: {Name: "userfaultfd", Dir: Exit, Category: CategoryFile, Flags: FlagCreatesFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &FileFlags},
	}},
	PlugineventE: {Name: "pluginevent", Dir: Enter, Category: CategoryOther, Flags: FlagLargePayload, Params: []ParamInfo{
		{Name: "plugin ID", Type: ParamUint32, Format: FormatDec},
		{Name: "event_data", Type: ParamByteBuf, Format: FormatNA},
	}},
	PlugineventX: {Name: "pluginevent", Dir: Exit, Category: CategoryOther, Flags: FlagUnused},
	ContainerJsonV2E: {Name: "container", Dir: Enter, Category: CategoryProcess, Flags: FlagModifiesState | FlagLargePayload, Params: []ParamInfo{
		{Name: "json", Type: ParamCharBuf, Format: FormatNA},
	}},
	ContainerJsonV2X: {Name: "container", Dir: Exit, Category: CategoryProcess, Flags: FlagUnused},
	SyscallOpenat2E: {Name: "openat2", Dir: Enter, Category: CategoryFile, Flags: FlagCreatesFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "dirfd", Type: ParamFD, Format: FormatDec},
		{Name: "name", Type: ParamFSRelPath, Format: FormatNA},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &FileFlags},
		{Name: "mode", Type: ParamUint32, Format: FormatOct},
		{Name: "resolve", Type: ParamFlags32, Format: FormatHex, Flags: &Openat2Flags},
	}},
	SyscallOpenat2X: {Name: "openat2", Dir: Exit, Category: CategoryFile, Flags: FlagCreatesFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "dirfd", Type: ParamFD, Format: FormatDec},
		{Name: "name", Type: ParamFSRelPath, Format: FormatNA, DirFD: 1},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &FileFlags},
		{Name: "mode", Type: ParamUint32, Format: FormatOct},
		{Name: "resolve", Type: ParamFlags32, Format: FormatHex, Flags: &Openat2Flags},
		{Name: "dev", Type: ParamUint32, Format: FormatHex},
		{Name: "ino", Type: ParamUint64, Format: FormatDec},
	}},
	SyscallMprotectE: {Name: "mprotect", Dir: Enter, Category: CategoryMemory, Flags: FlagOldVersion | FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "addr", Type: ParamUint64, Format: FormatHex},
		{Name: "length", Type: ParamUint64, Format: FormatDec},
		{Name: "prot", Type: ParamFlags32, Format: FormatHex, Flags: &ProtFlags},
	}},
	SyscallMprotectX: {Name: "mprotect", Dir: Exit, Category: CategoryMemory, Flags: FlagDropSimpleCons, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "addr", Type: ParamUint64, Format: FormatHex},
		{Name: "length", Type: ParamUint64, Format: FormatDec},
		{Name: "prot", Type: ParamFlags32, Format: FormatHex, Flags: &ProtFlags},
	}},
	SyscallExecveatE: {Name: "execveat", Dir: Enter, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "dirfd", Type: ParamFD, Format: FormatDec},
		{Name: "pathname", Type: ParamFSRelPath, Format: FormatNA},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &ExecveatFlags},
	}},
	SyscallExecveatX: {Name: "execveat", Dir: Exit, Category: CategoryProcess, Flags: FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "exe", Type: ParamCharBuf, Format: FormatNA},
		{Name: "args", Type: ParamByteBuf, Format: FormatNA},
		{Name: "tid", Type: ParamPID, Format: FormatDec},
		{Name: "pid", Type: ParamPID, Format: FormatDec},
		{Name: "ptid", Type: ParamPID, Format: FormatDec},
		{Name: "cwd", Type: ParamCharBuf, Format: FormatNA},
		{Name: "fdlimit", Type: ParamUint64, Format: FormatDec},
		{Name: "pgft_maj", Type: ParamUint64, Format: FormatDec},
		{Name: "pgft_min", Type: ParamUint64, Format: FormatDec},
		{Name: "vm_size", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_rss", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_swap", Type: ParamUint32, Format: FormatDec},
		{Name: "comm", Type: ParamCharBuf, Format: FormatNA},
		{Name: "cgroups", Type: ParamByteBuf, Format: FormatNA},
		{Name: "env", Type: ParamByteBuf, Format: FormatNA},
		{Name: "tty", Type: ParamUint32, Format: FormatDec},
		{Name: "vpgid", Type: ParamPID, Format: FormatDec},
		{Name: "loginuid", Type: ParamUID, Format: FormatDec},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &ExecveFlags},
		{Name: "cap_inheritable", Type: ParamUint64, Format: FormatHex},
		{Name: "cap_permitted", Type: ParamUint64, Format: FormatHex},
		{Name: "cap_effective", Type: ParamUint64, Format: FormatHex},
		{Name: "exe_ino", Type: ParamUint64, Format: FormatDec},
		{Name: "exe_ino_ctime", Type: ParamAbsTime, Format: FormatDec},
		{Name: "exe_ino_mtime", Type: ParamAbsTime, Format: FormatDec},
		{Name: "uid", Type: ParamUID, Format: FormatDec},
		{Name: "trusted_exepath", Type: ParamFSPath, Format: FormatNA},
		{Name: "pgid", Type: ParamPID, Format: FormatDec},
		{Name: "gid", Type: ParamGID, Format: FormatDec},
	}},
	SyscallCopyFileRangeE: {Name: "copy_file_range", Dir: Enter, Category: CategoryFile, Flags: FlagUsesFD | FlagReadsFromFD | FlagWritesToFD | FlagOldVersion, Params: []ParamInfo{
		{Name: "fdin", Type: ParamFD, Format: FormatDec},
		{Name: "offin", Type: ParamUint64, Format: FormatDec},
		{Name: "len", Type: ParamUint64, Format: FormatDec},
	}},
	SyscallCopyFileRangeX: {Name: "copy_file_range", Dir: Exit, Category: CategoryFile, Flags: FlagUsesFD | FlagReadsFromFD | FlagWritesToFD, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "fdout", Type: ParamFD, Format: FormatDec},
		{Name: "offout", Type: ParamUint64, Format: FormatDec},
		{Name: "fdin", Type: ParamFD, Format: FormatDec},
		{Name: "offin", Type: ParamUint64, Format: FormatDec},
		{Name: "len", Type: ParamUint64, Format: FormatDec},
	}},
	SyscallClone3E: {Name: "clone3", Dir: Enter, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion},
	SyscallClone3X: {Name: "clone3", Dir: Exit, Category: CategoryProcess, Flags: FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamPID, Format: FormatDec},
		{Name: "exe", Type: ParamCharBuf, Format: FormatNA},
		{Name: "args", Type: ParamByteBuf, Format: FormatNA},
		{Name: "tid", Type: ParamPID, Format: FormatDec},
		{Name: "pid", Type: ParamPID, Format: FormatDec},
		{Name: "ptid", Type: ParamPID, Format: FormatDec},
		{Name: "cwd", Type: ParamCharBuf, Format: FormatNA},
		{Name: "fdlimit", Type: ParamInt64, Format: FormatDec},
		{Name: "pgft_maj", Type: ParamUint64, Format: FormatDec},
		{Name: "pgft_min", Type: ParamUint64, Format: FormatDec},
		{Name: "vm_size", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_rss", Type: ParamUint32, Format: FormatDec},
		{Name: "vm_swap", Type: ParamUint32, Format: FormatDec},
		{Name: "comm", Type: ParamCharBuf, Format: FormatNA},
		{Name: "cgroups", Type: ParamByteBuf, Format: FormatNA},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &CloneFlags},
		{Name: "uid", Type: ParamUint32, Format: FormatDec},
		{Name: "gid", Type: ParamUint32, Format: FormatDec},
		{Name: "vtid", Type: ParamPID, Format: FormatDec},
		{Name: "vpid", Type: ParamPID, Format: FormatDec},
		{Name: "pidns_init_start_ts", Type: ParamUint64, Format: FormatDec},
	}},
	SyscallOpenByHandleAtE: {Name: "open_by_handle_at", Dir: Enter, Category: CategoryFile, Flags: FlagCreatesFD | FlagModifiesState | FlagOldVersion},
	SyscallOpenByHandleAtX: {Name: "open_by_handle_at", Dir: Exit, Category: CategoryFile, Flags: FlagCreatesFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "mountfd", Type: ParamFD, Format: FormatDec},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &FileFlags},
		{Name: "path", Type: ParamFSPath, Format: FormatNA},
		{Name: "dev", Type: ParamUint32, Format: FormatHex},
		{Name: "ino", Type: ParamUint64, Format: FormatDec},
	}},
	SyscallIoUringSetupE: {Name: "io_uring_setup", Dir: Enter, Category: CategoryIOOther, Flags: FlagCreatesFD | FlagModifiesState | FlagOldVersion},
	SyscallIoUringSetupX: {Name: "io_uring_setup", Dir: Exit, Category: CategoryIOOther, Flags: FlagCreatesFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "entries", Type: ParamUint32, Format: FormatDec},
		{Name: "sq_entries", Type: ParamUint32, Format: FormatDec},
		{Name: "cq_entries", Type: ParamUint32, Format: FormatDec},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex},
		{Name: "sq_thread_cpu", Type: ParamUint32, Format: FormatDec},
		{Name: "sq_thread_idle", Type: ParamUint32, Format: FormatDec},
		{Name: "features", Type: ParamFlags32, Format: FormatHex},
	}},
	SyscallIoUringEnterE: {Name: "io_uring_enter", Dir: Enter, Category: CategoryIOOther, Flags: FlagUsesFD | FlagOldVersion},
	SyscallIoUringEnterX: {Name: "io_uring_enter", Dir: Exit, Category: CategoryIOOther, Flags: FlagUsesFD, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "to_submit", Type: ParamUint32, Format: FormatDec},
		{Name: "min_complete", Type: ParamUint32, Format: FormatDec},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex},
		{Name: "sig", Type: ParamSigSet, Format: FormatDec},
	}},
	SyscallIoUringRegisterE: {Name: "io_uring_register", Dir: Enter, Category: CategoryIOOther, Flags: FlagUsesFD | FlagOldVersion},
	SyscallIoUringRegisterX: {Name: "io_uring_register", Dir: Exit, Category: CategoryIOOther, Flags: FlagUsesFD, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "opcode", Type: ParamEnumFlags16, Format: FormatDec},
		{Name: "arg", Type: ParamUint64, Format: FormatHex},
		{Name: "nr_args", Type: ParamUint32, Format: FormatDec},
	}},
	SyscallMlockE: {Name: "mlock", Dir: Enter, Category: CategoryMemory, Flags: FlagOldVersion},
	SyscallMlockX: {Name: "mlock", Dir: Exit, Category: CategoryMemory, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "addr", Type: ParamUint64, Format: FormatHex},
		{Name: "len", Type: ParamUint64, Format: FormatDec},
	}},
	SyscallMunlockE: {Name: "munlock", Dir: Enter, Category: CategoryMemory, Flags: FlagOldVersion},
	SyscallMunlockX: {Name: "munlock", Dir: Exit, Category: CategoryMemory, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "addr", Type: ParamUint64, Format: FormatHex},
		{Name: "len", Type: ParamUint64, Format: FormatDec},
	}},
	SyscallMlockallE: {Name: "mlockall", Dir: Enter, Category: CategoryMemory, Flags: FlagOldVersion},
	SyscallMlockallX: {Name: "mlockall", Dir: Exit, Category: CategoryMemory, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex},
	}},
	SyscallMunlockallE: {Name: "munlockall", Dir: Enter, Category: CategoryMemory, Flags: FlagOldVersion},
	SyscallMunlockallX: {Name: "munlockall", Dir: Exit, Category: CategoryMemory, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
	}},
	SyscallCapsetE: {Name: "capset", Dir: Enter, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion},
	SyscallCapsetX: {Name: "capset", Dir: Exit, Category: CategoryProcess, Flags: FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "cap_inheritable", Type: ParamUint64, Format: FormatHex},
		{Name: "cap_permitted", Type: ParamUint64, Format: FormatHex},
		{Name: "cap_effective", Type: ParamUint64, Format: FormatHex},
	}},
	UserAddedE: {Name: "useradded", Dir: Enter, Category: CategoryOther, Flags: FlagModifiesState, Params: []ParamInfo{
		{Name: "uid", Type: ParamUint32, Format: FormatDec},
		{Name: "gid", Type: ParamUint32, Format: FormatDec},
		{Name: "name", Type: ParamCharBuf, Format: FormatNA},
		{Name: "home", Type: ParamCharBuf, Format: FormatNA},
		{Name: "shell", Type: ParamCharBuf, Format: FormatNA},
		{Name: "container_id", Type: ParamCharBuf, Format: FormatNA},
	}},
	UserAddedX: {Name: "useradded", Dir: Exit, Category: CategoryOther, Flags: FlagUnused},
	UserDeletedE: {Name: "userdeleted", Dir: Enter, Category: CategoryOther, Flags: FlagModifiesState, Params: []ParamInfo{
		{Name: "uid", Type: ParamUint32, Format: FormatDec},
		{Name: "gid", Type: ParamUint32, Format: FormatDec},
		{Name: "name", Type: ParamCharBuf, Format: FormatNA},
		{Name: "home", Type: ParamCharBuf, Format: FormatNA},
		{Name: "shell", Type: ParamCharBuf, Format: FormatNA},
		{Name: "container_id", Type: ParamCharBuf, Format: FormatNA},
	}},
	UserDeletedX: {Name: "userdeleted", Dir: Exit, Category: CategoryOther, Flags: FlagUnused},
	GroupAddedE: {Name: "groupadded", Dir: Enter, Category: CategoryOther, Flags: FlagModifiesState, Params: []ParamInfo{
		{Name: "gid", Type: ParamUint32, Format: FormatDec},
		{Name: "name", Type: ParamCharBuf, Format: FormatNA},
		{Name: "container_id", Type: ParamCharBuf, Format: FormatNA},
	}},
	GroupAddedX: {Name: "groupadded", Dir: Exit, Category: CategoryOther, Flags: FlagUnused},
	GroupDeletedE: {Name: "groupdeleted", Dir: Enter, Category: CategoryOther, Flags: FlagModifiesState, Params: []ParamInfo{
		{Name: "gid", Type: ParamUint32, Format: FormatDec},
		{Name: "name", Type: ParamCharBuf, Format: FormatNA},
		{Name: "container_id", Type: ParamCharBuf, Format: FormatNA},
	}},
	GroupDeletedX: {Name: "groupdeleted", Dir: Exit, Category: CategoryOther, Flags: FlagUnused},
	SyscallDup2E:  {Name: "dup2", Dir: Enter, Category: CategoryIOOther, Flags: FlagCreatesFD | FlagUsesFD | FlagModifiesState | FlagOldVersion},
	SyscallDup2X: {Name: "dup2", Dir: Exit, Category: CategoryIOOther, Flags: FlagCreatesFD | FlagUsesFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamFD, Format: FormatDec},
		{Name: "oldfd", Type: ParamFD, Format: FormatDec},
		{Name: "newfd", Type: ParamFD, Format: FormatDec},
	}},
	SyscallDup3E: {Name: "dup3", Dir: Enter, Category: CategoryIOOther, Flags: FlagCreatesFD | FlagUsesFD | FlagModifiesState | FlagOldVersion},
	SyscallDup3X: {Name: "dup3", Dir: Exit, Category: CategoryIOOther, Flags: FlagCreatesFD | FlagUsesFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamFD, Format: FormatDec},
		{Name: "oldfd", Type: ParamFD, Format: FormatDec},
		{Name: "newfd", Type: ParamFD, Format: FormatDec},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &FileFlags},
	}},
	SyscallDupV1E: {Name: "dup", Dir: Enter, Category: CategoryIOOther, Flags: FlagCreatesFD | FlagUsesFD | FlagModifiesState | FlagOldVersion},
	SyscallDupV1X: {Name: "dup", Dir: Exit, Category: CategoryIOOther, Flags: FlagCreatesFD | FlagUsesFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamFD, Format: FormatDec},
		{Name: "oldfd", Type: ParamFD, Format: FormatDec},
	}},
	SyscallBpfV2E: {Name: "bpf", Dir: Enter, Category: CategoryOther, Flags: FlagCreatesFD | FlagOldVersion},
	SyscallBpfV2X: {Name: "bpf", Dir: Exit, Category: CategoryOther, Flags: FlagCreatesFD, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "cmd", Type: ParamEnumFlags32, Format: FormatDec, Flags: &BpfCommands},
	}},
	SyscallMlock2E: {Name: "mlock2", Dir: Enter, Category: CategoryMemory, Flags: FlagOldVersion},
	SyscallMlock2X: {Name: "mlock2", Dir: Exit, Category: CategoryMemory, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "addr", Type: ParamUint64, Format: FormatHex},
		{Name: "len", Type: ParamUint64, Format: FormatDec},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex},
	}},
	SyscallFsconfigE: {Name: "fsconfig", Dir: Enter, Category: CategorySystem, Flags: FlagUsesFD | FlagOldVersion},
	SyscallFsconfigX: {Name: "fsconfig", Dir: Exit, Category: CategorySystem, Flags: FlagUsesFD, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "cmd", Type: ParamEnumFlags32, Format: FormatDec},
		{Name: "key", Type: ParamCharBuf, Format: FormatNA},
		{Name: "value_bytebuf", Type: ParamByteBuf, Format: FormatNA},
		{Name: "value_charbuf", Type: ParamCharBuf, Format: FormatNA},
		{Name: "aux", Type: ParamInt32, Format: FormatDec},
	}},
	SyscallEpollCreateE: {Name: "epoll_create", Dir: Enter, Category: CategoryWait, Flags: FlagCreatesFD | FlagModifiesState | FlagOldVersion},
	SyscallEpollCreateX: {Name: "epoll_create", Dir: Exit, Category: CategoryWait, Flags: FlagCreatesFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "size", Type: ParamInt32, Format: FormatDec},
	}},
	SyscallEpollCreate1E: {Name: "epoll_create1", Dir: Enter, Category: CategoryWait, Flags: FlagCreatesFD | FlagModifiesState | FlagOldVersion},
	SyscallEpollCreate1X: {Name: "epoll_create1", Dir: Exit, Category: CategoryWait, Flags: FlagCreatesFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex},
	}},
	SyscallChownE: {Name: "chown", Dir: Enter, Category: CategoryFile, Flags: FlagOldVersion},
	SyscallChownX: {Name: "chown", Dir: Exit, Category: CategoryFile, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "path", Type: ParamFSPath, Format: FormatNA},
		{Name: "uid", Type: ParamUint32, Format: FormatDec},
		{Name: "gid", Type: ParamUint32, Format: FormatDec},
	}},
	SyscallLchownE: {Name: "lchown", Dir: Enter, Category: CategoryFile, Flags: FlagOldVersion},
	SyscallLchownX: {Name: "lchown", Dir: Exit, Category: CategoryFile, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "path", Type: ParamFSPath, Format: FormatNA},
		{Name: "uid", Type: ParamUint32, Format: FormatDec},
		{Name: "gid", Type: ParamUint32, Format: FormatDec},
	}},
	SyscallFchownE: {Name: "fchown", Dir: Enter, Category: CategoryFile, Flags: FlagUsesFD | FlagOldVersion},
	SyscallFchownX: {Name: "fchown", Dir: Exit, Category: CategoryFile, Flags: FlagUsesFD, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "uid", Type: ParamUint32, Format: FormatDec},
		{Name: "gid", Type: ParamUint32, Format: FormatDec},
	}},
	SyscallFchownatE: {Name: "fchownat", Dir: Enter, Category: CategoryFile, Flags: FlagOldVersion},
	SyscallFchownatX: {Name: "fchownat", Dir: Exit, Category: CategoryFile, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "dirfd", Type: ParamFD, Format: FormatDec},
		{Name: "pathname", Type: ParamFSRelPath, Format: FormatNA, DirFD: 1},
		{Name: "uid", Type: ParamUint32, Format: FormatDec},
		{Name: "gid", Type: ParamUint32, Format: FormatDec},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex},
	}},
	SyscallUmountV1E: {Name: "umount", Dir: Enter, Category: CategoryFile, Flags: FlagModifiesState | FlagOldVersion},
	SyscallUmountV1X: {Name: "umount", Dir: Exit, Category: CategoryFile, Flags: FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "name", Type: ParamFSPath, Format: FormatNA},
	}},
	SocketAccept4V6E: {Name: "accept4", Dir: Enter, Category: CategoryNet, Flags: FlagCreatesFD | FlagModifiesState | FlagOldVersion, Params: []ParamInfo{
		{Name: "flags", Type: ParamInt32, Format: FormatHex},
	}},
	SocketAccept4V6X: {Name: "accept4", Dir: Exit, Category: CategoryNet, Flags: FlagCreatesFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "tuple", Type: ParamSockTuple, Format: FormatNA},
		{Name: "queuepct", Type: ParamUint8, Format: FormatDec},
		{Name: "queuelen", Type: ParamUint32, Format: FormatDec},
		{Name: "queuemax", Type: ParamUint32, Format: FormatDec},
		{Name: "flags", Type: ParamInt32, Format: FormatHex},
	}},
	SyscallUmount2E: {Name: "umount2", Dir: Enter, Category: CategoryFile, Flags: FlagModifiesState | FlagOldVersion},
	SyscallUmount2X: {Name: "umount2", Dir: Exit, Category: CategoryFile, Flags: FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "name", Type: ParamFSPath, Format: FormatNA},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &UmountFlags},
	}},
	SyscallPipe2E: {Name: "pipe2", Dir: Enter, Category: CategoryIPC, Flags: FlagCreatesFD | FlagModifiesState | FlagOldVersion},
	SyscallPipe2X: {Name: "pipe2", Dir: Exit, Category: CategoryIPC, Flags: FlagCreatesFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "fd1", Type: ParamFD, Format: FormatDec},
		{Name: "fd2", Type: ParamFD, Format: FormatDec},
		{Name: "ino", Type: ParamUint64, Format: FormatDec},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &FileFlags},
	}},
	SyscallInotifyInit1E: {Name: "inotify_init1", Dir: Enter, Category: CategoryIPC, Flags: FlagCreatesFD | FlagModifiesState | FlagOldVersion},
	SyscallInotifyInit1X: {Name: "inotify_init1", Dir: Exit, Category: CategoryIPC, Flags: FlagCreatesFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamFD, Format: FormatDec},
		{Name: "flags", Type: ParamFlags16, Format: FormatHex, Flags: &FileFlags},
	}},
	SyscallEventfd2E: {Name: "eventfd2", Dir: Enter, Category: CategoryIPC, Flags: FlagCreatesFD | FlagModifiesState | FlagOldVersion},
	SyscallEventfd2X: {Name: "eventfd2", Dir: Exit, Category: CategoryIPC, Flags: FlagCreatesFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamFD, Format: FormatDec},
		{Name: "initval", Type: ParamUint64, Format: FormatDec},
		{Name: "flags", Type: ParamFlags16, Format: FormatHex, Flags: &FileFlags},
	}},
	SyscallSignalfd4E: {Name: "signalfd4", Dir: Enter, Category: CategorySignal, Flags: FlagCreatesFD | FlagModifiesState | FlagOldVersion},
	SyscallSignalfd4X: {Name: "signalfd4", Dir: Exit, Category: CategorySignal, Flags: FlagCreatesFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamFD, Format: FormatDec},
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "mask", Type: ParamUint32, Format: FormatHex},
		{Name: "flags", Type: ParamFlags16, Format: FormatHex, Flags: &FileFlags},
	}},
	SyscallPrctlE: {Name: "prctl", Dir: Enter, Category: CategoryProcess, Flags: FlagModifiesState | FlagOldVersion},
	SyscallPrctlX: {Name: "prctl", Dir: Exit, Category: CategoryProcess, Flags: FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "option", Type: ParamEnumFlags32, Format: FormatDec, Flags: &PrctlOptions},
		{Name: "arg2_str", Type: ParamCharBuf, Format: FormatNA},
		{Name: "arg2_int", Type: ParamInt64, Format: FormatDec},
	}},
	AsynceventE: {Name: "asyncevent", Dir: Enter, Category: CategoryOther, Flags: FlagLargePayload, Params: []ParamInfo{
		{Name: "plugin_id", Type: ParamUint32, Format: FormatDec},
		{Name: "name", Type: ParamCharBuf, Format: FormatNA},
		{Name: "data", Type: ParamByteBuf, Format: FormatNA},
	}},
	AsynceventX:         {Name: "asyncevent", Dir: Exit, Category: CategoryOther, Flags: FlagUnused},
	SyscallMemfdCreateE: {Name: "memfd_create", Dir: Enter, Category: CategoryProcess, Flags: FlagCreatesFD | FlagModifiesState | FlagOldVersion},
	SyscallMemfdCreateX: {Name: "memfd_create", Dir: Exit, Category: CategoryProcess, Flags: FlagCreatesFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "name", Type: ParamCharBuf, Format: FormatNA},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex, Flags: &MemfdCreateFlags},
	}},
	SyscallPidfdGetfdE: {Name: "pidfd_getfd", Dir: Enter, Category: CategoryProcess, Flags: FlagCreatesFD | FlagModifiesState | FlagOldVersion},
	SyscallPidfdGetfdX: {Name: "pidfd_getfd", Dir: Exit, Category: CategoryProcess, Flags: FlagCreatesFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "pid_fd", Type: ParamFD, Format: FormatDec},
		{Name: "target_fd", Type: ParamFD, Format: FormatDec},
		{Name: "flags", Type: ParamUint32, Format: FormatDec},
	}},
	SyscallPidfdOpenE: {Name: "pidfd_open", Dir: Enter, Category: CategoryProcess, Flags: FlagCreatesFD | FlagModifiesState | FlagOldVersion},
	SyscallPidfdOpenX: {Name: "pidfd_open", Dir: Exit, Category: CategoryProcess, Flags: FlagCreatesFD | FlagModifiesState, Params: []ParamInfo{
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "pid", Type: ParamPID, Format: FormatDec},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex},
	}},
	SyscallInitModuleE: {Name: "init_module", Dir: Enter, Category: CategorySystem, Flags: FlagOldVersion},
	SyscallInitModuleX: {Name: "init_module", Dir: Exit, Category: CategorySystem, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "img", Type: ParamByteBuf, Format: FormatNA},
		{Name: "length", Type: ParamUint64, Format: FormatDec},
		{Name: "uargs", Type: ParamCharBuf, Format: FormatNA},
	}},
	SyscallFinitModuleE: {Name: "finit_module", Dir: Enter, Category: CategorySystem, Flags: FlagUsesFD | FlagOldVersion},
	SyscallFinitModuleX: {Name: "finit_module", Dir: Exit, Category: CategorySystem, Flags: FlagUsesFD, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "fd", Type: ParamFD, Format: FormatDec},
		{Name: "uargs", Type: ParamCharBuf, Format: FormatNA},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex},
	}},
	SyscallMknodE: {Name: "mknod", Dir: Enter, Category: CategoryFile, Flags: FlagOldVersion},
	SyscallMknodX: {Name: "mknod", Dir: Exit, Category: CategoryFile, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "path", Type: ParamFSPath, Format: FormatNA},
		{Name: "mode", Type: ParamMode, Format: FormatOct},
		{Name: "dev", Type: ParamUint32, Format: FormatHex},
	}},
	SyscallMknodatE: {Name: "mknodat", Dir: Enter, Category: CategoryFile, Flags: FlagOldVersion},
	SyscallMknodatX: {Name: "mknodat", Dir: Exit, Category: CategoryFile, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "dirfd", Type: ParamFD, Format: FormatDec},
		{Name: "path", Type: ParamFSRelPath, Format: FormatNA, DirFD: 1},
		{Name: "mode", Type: ParamMode, Format: FormatOct},
		{Name: "dev", Type: ParamUint32, Format: FormatHex},
	}},
	SyscallNewfstatatE: {Name: "newfstatat", Dir: Enter, Category: CategoryFile, Flags: FlagOldVersion},
	SyscallNewfstatatX: {Name: "newfstatat", Dir: Exit, Category: CategoryFile, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "dirfd", Type: ParamFD, Format: FormatDec},
		{Name: "path", Type: ParamFSRelPath, Format: FormatNA, DirFD: 1},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex},
	}},
	SyscallProcessVmReadvE: {Name: "process_vm_readv", Dir: Enter, Category: CategoryIPC, Flags: FlagOldVersion},
	SyscallProcessVmReadvX: {Name: "process_vm_readv", Dir: Exit, Category: CategoryIPC, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "pid", Type: ParamPID, Format: FormatDec},
		{Name: "data", Type: ParamByteBuf, Format: FormatNA},
	}},
	SyscallProcessVmWritevE: {Name: "process_vm_writev", Dir: Enter, Category: CategoryIPC, Flags: FlagOldVersion},
	SyscallProcessVmWritevX: {Name: "process_vm_writev", Dir: Exit, Category: CategoryIPC, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "pid", Type: ParamPID, Format: FormatDec},
		{Name: "data", Type: ParamByteBuf, Format: FormatNA},
	}},
	SyscallDeleteModuleE: {Name: "delete_module", Dir: Enter, Category: CategorySystem, Flags: FlagOldVersion},
	SyscallDeleteModuleX: {Name: "delete_module", Dir: Exit, Category: CategorySystem, Flags: 0, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "name", Type: ParamCharBuf, Format: FormatNA},
		{Name: "flags", Type: ParamFlags32, Format: FormatHex},
	}},
	SyscallSetreuidE: {Name: "setreuid", Dir: Enter, Category: CategoryUser, Flags: FlagModifiesState | FlagOldVersion},
	SyscallSetreuidX: {Name: "setreuid", Dir: Exit, Category: CategoryUser, Flags: FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "ruid", Type: ParamUID, Format: FormatDec},
		{Name: "euid", Type: ParamUID, Format: FormatDec},
	}},
	SyscallSetregidE: {Name: "setregid", Dir: Enter, Category: CategoryUser, Flags: FlagModifiesState | FlagOldVersion},
	SyscallSetregidX: {Name: "setregid", Dir: Exit, Category: CategoryUser, Flags: FlagModifiesState, Params: []ParamInfo{
		{Name: "res", Type: ParamErrno, Format: FormatDec},
		{Name: "rgid", Type: ParamGID, Format: FormatDec},
		{Name: "egid", Type: ParamGID, Format: FormatDec},
	}},
}
