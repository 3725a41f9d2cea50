import { stampEllipse } from '../src/render/raster.ts'
import { createRng } from '../src/math/rng.ts'
const W=4000,H=3000,N=100000
const rng=createRng(1)
const X=new Float32Array(N),Y=new Float32Array(N),R=new Float32Array(N)
for(let i=0;i<N;i++){X[i]=rng.range(0,W);Y[i]=rng.range(0,H);R[i]=rng.range(1,3)}
if(process.argv[2]==='sort'){const idx=Array.from({length:N},(_, i)=>i).sort((a,b)=>(Math.floor(Y[a]/16)-Math.floor(Y[b]/16))||(X[a]-X[b]));const X2=X.slice(),Y2=Y.slice(),R2=R.slice();idx.forEach((j,i)=>{X[i]=X2[j];Y[i]=Y2[j];R[i]=R2[j]})}
const data=new Uint8ClampedArray(W*H*4).fill(200)
for(let it=0;it<8;it++){const t0=performance.now()
for(let i=0;i<N;i++) stampEllipse(data,W,H,X[i],Y[i],R[i],1,1,0,1,1,0.8,0.8,0.8)
console.log((performance.now()-t0).toFixed(1))}
const {createCanvas}=await import('@napi-rs/canvas')
const c=createCanvas(W,H);const ctx=c.getContext('2d')
for(let it=0;it<4;it++){const t0=performance.now()
ctx.fillStyle='rgba(30,30,30,0.8)'
for(let i=0;i<N;i++){ctx.beginPath();ctx.arc(X[i],Y[i],R[i],0,Math.PI*2);ctx.fill()}
c.getContext('2d').getImageData(0,0,1,1)
console.log('skia',(performance.now()-t0).toFixed(1))}
